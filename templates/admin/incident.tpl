{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
{{#FIELD_ERRORS}}
<div class="error-summary" aria-labelledby="field-errors-title">
<h2 id="field-errors-title">{{TITLE}}</h2>
<ul>
{{#FIELD_ERROR}}
<li><a href="#i-{{NAME}}">{{TEXT}}</a></li>
{{/FIELD_ERROR}}
</ul>
</div>
{{/FIELD_ERRORS}}
{{#DIFFERENCES}}
<div class="error-summary" aria-labelledby="differences-title">
<h2 id="differences-title">{{TITLE}}</h2>
<p>{{HINT}}</p>
<ul>
{{#DIFFERENCE}}
<li>{{TEXT}}</li>
{{/DIFFERENCE}}
</ul>
</div>
{{/DIFFERENCES}}
{{#ENTRY}}
<section class="admin-card admin-card--wide" aria-labelledby="incident-facts">
<h2 id="incident-facts">{{TITLE}}</h2>
<dl class="facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd class="preserve-lines">{{VALUE}}</dd>
{{/FACT}}
</dl>
<p class="field__hint">{{KEPT}}</p>
</section>
{{/ENTRY}}
{{#FORM}}
<form method="post" action="{{ACTION}}" class="admin-form" id="incident">
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{#VERSION}}<input type="hidden" name="version" value="{{VALUE}}">{{/VERSION}}
<section class="admin-card admin-card--wide" aria-labelledby="incident-form-title">
<h2 id="incident-form-title">{{TITLE}}</h2>
<div class="admin-fields">
{{#ITEM}}
{{#INPUT}}
<div class="field">
<label for="i-{{NAME}}">{{LABEL}}</label>
<input id="i-{{NAME}}" type="{{TYPE}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#NUMERIC}} inputmode="numeric"{{/NUMERIC}}{{#REQUIRED}} required aria-required="true"{{/REQUIRED}}{{#HINT}} aria-describedby="i-{{NAME}}-hint"{{/HINT}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#HINT}}<p class="field__hint" id="i-{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
</div>
{{/INPUT}}
{{#AREA}}
<div class="field">
<label for="i-{{NAME}}">{{LABEL}}</label>
<textarea id="i-{{NAME}}" name="{{NAME}}" rows="4" maxlength="{{MAX}}"{{#REQUIRED}} required aria-required="true"{{/REQUIRED}}{{#HINT}} aria-describedby="i-{{NAME}}-hint"{{/HINT}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>{{VALUE:pre_escape}}</textarea>
{{#HINT}}<p class="field__hint" id="i-{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
</div>
{{/AREA}}
{{#SELECT}}
<div class="field">
<label for="i-{{NAME}}">{{LABEL}}</label>
<select id="i-{{NAME}}" name="{{NAME}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/OPTION}}
</select>
</div>
{{/SELECT}}
{{/ITEM}}
</div>
<p><button type="submit" class="button">{{SUBMIT}}</button></p>
</section>
</form>
{{/FORM}}
