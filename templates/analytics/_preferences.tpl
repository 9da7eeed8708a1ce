{{%AUTOESCAPE context="HTML"}}
<section class="consent-preferences" id="audience-measurement" aria-labelledby="consent-preferences-heading">
<h2 id="consent-preferences-heading">{{HEADING}}</h2>
{{#NOTICE}}
<p class="notice" role="status">{{TEXT}}</p>
{{/NOTICE}}
{{#PARAGRAPH}}
<p>{{TEXT}}</p>
{{/PARAGRAPH}}
{{#CHOICE_FORM}}
<p class="consent-preferences__current" data-consent-current="{{CURRENT_CHOICE}}">{{CURRENT}}</p>
<form class="consent-preferences__form" action="{{ACTION}}" method="post">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="return" value="{{RETURN}}">
<fieldset>
<legend>{{LEGEND}}</legend>
<div class="consent-preferences__option">
<input type="radio" name="analytics" id="consent-granted" value="granted"{{#GRANTED}} checked{{/GRANTED}}>
<label for="consent-granted">{{GRANT_LABEL}}</label>
</div>
<div class="consent-preferences__option">
<input type="radio" name="analytics" id="consent-denied" value="denied"{{#DENIED}} checked{{/DENIED}}>
<label for="consent-denied">{{DENY_LABEL}}</label>
</div>
</fieldset>
<button class="button" type="submit">{{SAVE}}</button>
</form>
{{/CHOICE_FORM}}
</section>
