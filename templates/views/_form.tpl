{{%AUTOESCAPE context="HTML"}}
<form method="post" action="{{ACTION}}" class="account-form__form" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{#HIDDEN}}
<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/HIDDEN}}
{{>FIELD}}
{{#NOTE}}
<p class="form-note">{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#LINKED}}<a href="{{URL}}">{{TEXT}}</a>{{/LINKED}}{{/PIECE}}</p>
{{/NOTE}}
<button type="submit" class="button{{#SECONDARY}} button--secondary{{/SECONDARY}}">{{SUBMIT}}</button>
</form>
