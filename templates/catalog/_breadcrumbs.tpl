{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumbs" aria-label="{{LABEL}}">
<ol>
{{#CRUMB}}
<li>{{#LINK}}<a href="{{URL}}">{{NAME}}</a>{{/LINK}}{{#CURRENT}}<span aria-current="page">{{NAME}}</span>{{/CURRENT}}</li>
{{/CRUMB}}
</ol>
</nav>
