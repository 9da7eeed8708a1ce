{{%AUTOESCAPE context="HTML"}}
<section class="error-page" aria-labelledby="error-heading">
<p class="error-page__code">{{CODE_LABEL}} {{CODE}}</p>
<h1 id="error-heading">{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
{{#REQUEST_ID_SECTION}}
<p class="error-page__request-id">{{REQUEST_ID_LABEL}} <code>{{REQUEST_ID}}</code></p>
{{/REQUEST_ID_SECTION}}
<p><a href="{{HOME_URL}}">{{HOME_LINK}}</a></p>
</section>
