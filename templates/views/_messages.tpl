{{%AUTOESCAPE context="HTML"}}
{{#NOTICE}}
<p class="notice" role="status">{{TEXT}}</p>
{{/NOTICE}}
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">{{TITLE}}</h2>
<ul>
{{#ERROR}}
<li>{{#LINKED}}<a href="#{{FIELD}}">{{MESSAGE}}</a>{{/LINKED}}{{#UNLINKED}}{{MESSAGE}}{{/UNLINKED}}</li>
{{/ERROR}}
</ul>
</div>
{{/ERRORS}}
