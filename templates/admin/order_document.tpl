{{%AUTOESCAPE context="HTML"}}
<p class="admin-no-print"><a href="{{BACK_URL}}">{{BACK}}</a>{{#PAPER}} · <a href="{{OTHER_URL}}">{{OTHER_TEXT}}</a>{{/PAPER}}</p>
{{#PAPER}}
<p class="field__hint admin-no-print">{{PRINT_HINT}}</p>
<article class="document document--{{KIND}}" lang="{{LANG}}" aria-labelledby="document-heading">
<header class="document__head">
<div class="document__seller">
{{#SELLER_LINE}}{{TEXT}}<br>
{{/SELLER_LINE}}
</div>
<h2 id="document-heading" class="document__title">{{HEADING}}</h2>
</header>
<dl class="facts document__facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}
</dl>
<section class="document__party" aria-labelledby="document-party">
<h3 id="document-party">{{PARTY_TITLE}}</h3>
<address>
{{#PARTY_LINE}}{{TEXT}}<br>
{{/PARTY_LINE}}
</address>
{{#PARTY_NOTE}}<p class="field__hint">{{TEXT}}</p>{{/PARTY_NOTE}}
</section>
{{#PRICED_LINES}}
<table class="admin-table document__lines">
<thead><tr><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{SKU_HEAD}}</th><th scope="col" class="num">{{QUANTITY_HEAD}}</th><th scope="col" class="num">{{PRICE_HEAD}}</th><th scope="col" class="num">{{AMOUNT_HEAD}}</th></tr></thead>
<tbody>
{{#LINE}}
<tr><td>{{NAME}}</td><td><code>{{SKU}}</code></td><td class="num">{{QUANTITY}}</td><td class="num">{{PRICE}}</td><td class="num">{{AMOUNT}}</td></tr>
{{/LINE}}
</tbody>
</table>
{{/PRICED_LINES}}
{{#PACKED_LINES}}
<table class="admin-table document__lines">
<thead><tr><th scope="col">{{SKU_HEAD}}</th><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col" class="num">{{QUANTITY_HEAD}}</th><th scope="col">{{PACKED_HEAD}}</th></tr></thead>
<tbody>
{{#LINE}}
<tr><td><code>{{SKU}}</code></td><td>{{NAME}}</td><td class="num">{{QUANTITY}}</td><td><span class="document__box" aria-hidden="true"></span></td></tr>
{{/LINE}}
</tbody>
</table>
{{/PACKED_LINES}}
{{#TOTALS}}
<section class="document__totals" aria-labelledby="document-totals">
<h3 id="document-totals">{{TOTALS_TITLE}}</h3>
<dl class="facts" id="document-totals-list">
{{#TOTAL}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/TOTAL}}
</dl>
{{#TOTALS_NOTE}}<p>{{TEXT}}</p>{{/TOTALS_NOTE}}
</section>
{{/TOTALS}}
{{#CONTACT}}<footer class="document__foot"><p>{{TEXT}}</p></footer>{{/CONTACT}}
</article>
{{/PAPER}}
