{{%AUTOESCAPE context="HTML"}}
{{#FIELD_ERRORS}}
<div class="error-summary" aria-labelledby="field-errors-title">
<h2 id="field-errors-title">{{TITLE}}</h2>
<ul>
{{#FIELD_ERROR}}
<li><a href="#{{FIELD}}">{{TEXT}}</a></li>
{{/FIELD_ERROR}}
</ul>
</div>
{{/FIELD_ERRORS}}
<p>{{INTRO}}</p>
<div class="admin-table-wrap">
<table class="admin-table" id="categories">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{NAME_FR_HEAD}}</th><th scope="col">{{NAME_EN_HEAD}}</th><th scope="col">{{PRODUCTS_HEAD}}</th><th scope="col">{{STATUS_HEAD}}</th>{{#CAN_WRITE}}<th scope="col">{{ORDER_HEAD}}</th>{{/CAN_WRITE}}</tr></thead>
<tbody>
{{#ROW}}
<tr id="category-{{ID}}"><th scope="row"><span class="admin-depth-{{DEPTH}}"><a href="{{URL}}" lang="fr">{{NAME_FR}}</a></span></th><td lang="en">{{NAME_EN}}</td><td class="num">{{PRODUCTS}}</td><td><span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span></td>{{#ORDER}}<td>
<form method="post" action="{{URL}}" class="admin-order" id="order-{{ID}}">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<input type="hidden" name="back" value="tree">
{{#UP}}<button type="submit" class="button button--secondary" name="action" value="up">{{TEXT}}<span class="visually-hidden"> — {{NAME}}</span></button>{{/UP}}
{{#DOWN}}<button type="submit" class="button button--secondary" name="action" value="down">{{TEXT}}<span class="visually-hidden"> — {{NAME}}</span></button>{{/DOWN}}
</form>
</td>{{/ORDER}}</tr>
{{/ROW}}
{{#EMPTY}}
<tr><td colspan="5">{{TEXT}}</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
{{#NEW_CATEGORY}}
<form method="post" action="{{ACTION}}" class="admin-card admin-card--wide admin-form" id="new-category">
<fieldset>
<legend>{{LEGEND}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<div class="admin-fields">
<div class="field"><label for="f-text-fr-name">{{NAME_FR_LABEL}}</label><input id="f-text-fr-name" type="text" name="fr_name" value="{{NAME_FR}}" maxlength="200" required lang="fr"></div>
<div class="field"><label for="f-text-en-name">{{NAME_EN_LABEL}}</label><input id="f-text-en-name" type="text" name="en_name" value="{{NAME_EN}}" maxlength="200" required lang="en"></div>
<div class="field"><label for="f-text-fr-slug">{{SLUG_FR_LABEL}}</label><input id="f-text-fr-slug" type="text" name="fr_slug" value="{{SLUG_FR}}" maxlength="120" aria-describedby="new-slug-hint"></div>
<div class="field"><label for="f-text-en-slug">{{SLUG_EN_LABEL}}</label><input id="f-text-en-slug" type="text" name="en_slug" value="{{SLUG_EN}}" maxlength="120" aria-describedby="new-slug-hint"></div>
<div class="field">
<label for="f-parent_id">{{PARENT_LABEL}}</label>
<select id="f-parent_id" name="parent">
{{#PARENT_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/PARENT_OPTION}}
</select>
</div>
</div>
<p class="field__hint" id="new-slug-hint">{{SLUG_HINT}}</p>
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/NEW_CATEGORY}}
