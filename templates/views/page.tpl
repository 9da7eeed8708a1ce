{{%AUTOESCAPE context="HTML"}}
<section class="account-page" aria-labelledby="page-heading">
<h1 id="page-heading">{{HEADING}}</h1>
{{>MESSAGES}}
{{#PANEL}}
<section class="account-panel"{{#TITLED}} aria-labelledby="{{ID}}-heading"{{/TITLED}}>
{{#TITLED}}
<h2 id="{{ID}}-heading">{{TITLE}}</h2>
{{/TITLED}}
{{#PARAGRAPH}}
<p>{{TEXT}}</p>
{{/PARAGRAPH}}
{{#HTML}}
{{MARKUP:none}}
{{/HTML}}
{{#CODES}}
<ul class="recovery-codes">
{{#CODE}}
<li><code>{{TEXT}}</code></li>
{{/CODE}}
</ul>
{{/CODES}}
{{#FACTS}}
<dl class="facts">
{{#FACT}}
<dt>{{TERM}}</dt>
<dd>{{VALUE}}</dd>
{{/FACT}}
</dl>
{{/FACTS}}
{{#TABLE}}
<table class="account-table">
<caption class="visually-hidden">{{CAPTION}}</caption>
<thead>
<tr>
{{#HEAD}}
<th scope="col">{{TEXT}}</th>
{{/HEAD}}
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
{{#CELL}}
<td>{{TEXT}}</td>
{{/CELL}}
</tr>
{{/ROW}}
</tbody>
</table>
{{/TABLE}}
{{#ITEM}}
<div class="account-item">
<p>{{#LINE}}{{TEXT}}<br>{{/LINE}}</p>
{{>ITEM_FORM}}
</div>
{{/ITEM}}
{{>FORM}}
{{#LINK}}
<p><a href="{{URL}}">{{TEXT}}</a></p>
{{/LINK}}
</section>
{{/PANEL}}
</section>
