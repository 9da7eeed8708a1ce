{{%AUTOESCAPE context="HTML"}}
{{#FIELD_ERRORS}}
<div class="error-summary" aria-labelledby="field-errors-title">
<h2 id="field-errors-title">{{TITLE}}</h2>
<ul>
{{#FIELD_ERROR}}
<li><a href="#s-{{NAME}}">{{TEXT}}</a></li>
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
<form method="post" action="{{ACTION}}" class="admin-form" id="settings">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="revision" value="{{REVISION}}">
{{#GROUP}}
<section class="admin-card admin-card--wide" aria-labelledby="settings-{{ID}}-title">
<h2 id="settings-{{ID}}-title">{{TITLE}}</h2>
{{#GROUP_HINT}}<p class="field__hint">{{TEXT}}</p>{{/GROUP_HINT}}
<div class="admin-fields">
{{#ITEM}}
{{#INPUT}}
<div class="field"{{#LANG}} lang="{{CODE}}"{{/LANG}}>
<label for="s-{{NAME}}">{{LABEL}}</label>
<input id="s-{{NAME}}" type="{{TYPE}}" name="{{NAME}}" value="{{VALUE}}" maxlength="{{MAX}}"{{#MODE}} inputmode="{{INPUTMODE}}"{{/MODE}}{{#HINT}} aria-describedby="s-{{NAME}}-hint"{{/HINT}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#HINT}}<p class="field__hint" id="s-{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
</div>
{{/INPUT}}
{{#AREA}}
<div class="field">
<label for="s-{{NAME}}">{{LABEL}}</label>
<textarea id="s-{{NAME}}" name="{{NAME}}" rows="4" maxlength="{{MAX}}"{{#HINT}} aria-describedby="s-{{NAME}}-hint"{{/HINT}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>{{VALUE:pre_escape}}</textarea>
{{#HINT}}<p class="field__hint" id="s-{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
</div>
{{/AREA}}
{{#CHECK}}
<div class="field field--check">
<input id="s-{{NAME}}" type="checkbox" name="{{NAME}}" value="yes"{{#CHECKED}} checked{{/CHECKED}}>
<label for="s-{{NAME}}">{{LABEL}}</label>
</div>
{{/CHECK}}
{{/ITEM}}
</div>
</section>
{{/GROUP}}
<p><button type="submit" class="button">{{SUBMIT}}</button></p>
</form>
{{#SHIPPING}}
<form method="post" action="{{ACTION}}" class="admin-form" id="shipping">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<section class="admin-card admin-card--wide" aria-labelledby="shipping-title">
<h2 id="shipping-title">{{TITLE}}</h2>
<p class="field__hint">{{HINT}}</p>
<div class="admin-table-wrap">
<table class="admin-table">
<thead><tr><th scope="col">{{REGION_HEAD}}</th><th scope="col" id="ship-h-fee">{{FEE_HEAD}}</th><th scope="col" id="ship-h-free">{{FREE_HEAD}}</th><th scope="col" id="ship-h-taxable">{{TAXABLE_HEAD}}</th></tr></thead>
<tbody>
{{#RATE}}
<tr>
<th scope="row" id="ship-r-{{CODE}}">{{NAME}}</th>
<td><input type="text" inputmode="decimal" name="fee_{{CODE}}" value="{{FEE}}" maxlength="12" aria-labelledby="ship-r-{{CODE}} ship-h-fee"><input type="hidden" name="was_fee_{{CODE}}" value="{{WAS_FEE}}"></td>
<td><input type="text" inputmode="decimal" name="free_{{CODE}}" value="{{FREE}}" maxlength="12" aria-labelledby="ship-r-{{CODE}} ship-h-free"><input type="hidden" name="was_free_{{CODE}}" value="{{WAS_FREE}}"></td>
<td><input type="checkbox" name="taxable_{{CODE}}" value="yes"{{#TAXABLE}} checked{{/TAXABLE}} aria-labelledby="ship-r-{{CODE}} ship-h-taxable"><input type="hidden" name="was_taxable_{{CODE}}" value="{{WAS_TAXABLE}}"></td>
</tr>
{{/RATE}}
</tbody>
</table>
</div>
<p><button type="submit" class="button">{{SUBMIT}}</button></p>
</section>
</form>
{{/SHIPPING}}
