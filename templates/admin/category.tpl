{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a>{{#STORE_LINK}} · <a href="{{URL}}" lang="{{LANG}}">{{TEXT}}</a>{{/STORE_LINK}}</p>
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
{{#DIFFERENCES}}
<section class="admin-card admin-card--wide" aria-labelledby="stale-title">
<h2 id="stale-title">{{TITLE}}</h2>
<p>{{HINT}}</p>
<ul>
{{#DIFFERENCE}}
<li>{{TEXT}}</li>
{{/DIFFERENCE}}
</ul>
</section>
{{/DIFFERENCES}}
<section class="admin-card admin-card--wide" aria-labelledby="category-facts-title">
<h2 id="category-facts-title">{{FACTS_TITLE}}</h2>
<dl class="facts" id="category-facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}
</dl>
</section>
<form method="post" action="{{ACTION}}" class="admin-form" id="category-form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<section class="admin-card admin-card--wide" aria-labelledby="category-general">
<h2 id="category-general">{{GENERAL_TITLE}}</h2>
<div class="admin-fields">
<div class="field field--check">
<input id="f-active" type="checkbox" name="active" value="yes"{{#ACTIVE}} checked{{/ACTIVE}} aria-describedby="f-active-hint">
<label for="f-active">{{ACTIVE_LABEL}}</label>
<p class="field__hint" id="f-active-hint">{{ACTIVE_HINT}}</p>
</div>
<div class="field field--check">
<input id="f-featured" type="checkbox" name="featured" value="yes"{{#FEATURED}} checked{{/FEATURED}}>
<label for="f-featured">{{FEATURED_LABEL}}</label>
</div>
</div>
</section>
<div class="admin-locales">
{{#LOCALE}}
<section class="admin-card" aria-labelledby="text-{{CODE}}" lang="{{LANG}}">
<h2 id="text-{{CODE}}">{{TITLE}}</h2>
<div class="field">
<label for="f-text-{{CODE}}-name">{{NAME_LABEL}}</label>
<input id="f-text-{{CODE}}-name" type="text" name="{{CODE}}_name" value="{{NAME}}" maxlength="200" required>
</div>
<div class="field">
<label for="f-text-{{CODE}}-slug">{{SLUG_LABEL}}</label>
<input id="f-text-{{CODE}}-slug" type="text" name="{{CODE}}_slug" value="{{SLUG}}" maxlength="120" aria-describedby="f-text-{{CODE}}-slug-hint">
<p class="field__hint" id="f-text-{{CODE}}-slug-hint">{{SLUG_HINT}} <span class="slug-preview">{{SLUG_URL}}</span></p>
</div>
<div class="field">
<label for="f-text-{{CODE}}-description">{{DESCRIPTION_LABEL}}</label>
<textarea id="f-text-{{CODE}}-description" name="{{CODE}}_description" rows="5" maxlength="20000">{{DESCRIPTION:pre_escape}}</textarea>
</div>
<div class="field">
<label for="f-text-{{CODE}}-meta_title">{{META_TITLE_LABEL}}</label>
<input id="f-text-{{CODE}}-meta_title" type="text" name="{{CODE}}_meta_title" value="{{META_TITLE}}" maxlength="200">
</div>
<div class="field">
<label for="f-text-{{CODE}}-meta_description">{{META_DESCRIPTION_LABEL}}</label>
<textarea id="f-text-{{CODE}}-meta_description" name="{{CODE}}_meta_description" rows="2" maxlength="500">{{META_DESCRIPTION:pre_escape}}</textarea>
</div>
</section>
{{/LOCALE}}
</div>
{{#CAN_WRITE}}<p><button type="submit" class="button">{{SAVE}}</button></p>{{/CAN_WRITE}}
</form>
{{#PLACE}}
<section class="admin-card admin-card--wide" aria-labelledby="category-place">
<h2 id="category-place">{{TITLE}}</h2>
<form method="post" action="{{MOVE_URL}}" class="admin-action" id="move">
<fieldset>
<legend>{{MOVE_LEGEND}}</legend>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="field">
<label for="f-parent_id">{{PARENT_LABEL}}</label>
<select id="f-parent_id" name="parent" aria-describedby="f-parent_id-hint">
{{#PARENT_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/PARENT_OPTION}}
</select>
<p class="field__hint" id="f-parent_id-hint">{{PARENT_HINT}}</p>
</div>
<button type="submit" class="button">{{MOVE_SUBMIT}}</button>
</fieldset>
</form>
<form method="post" action="{{ORDER_URL}}" class="admin-action" id="order">
<fieldset>
<legend>{{ORDER_LEGEND}}</legend>
<p class="field__hint">{{ORDER_HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<input type="hidden" name="back" value="page">
{{#UP}}<button type="submit" class="button button--secondary" name="action" value="up">{{TEXT}}</button>{{/UP}}
{{#DOWN}}<button type="submit" class="button button--secondary" name="action" value="down">{{TEXT}}</button>{{/DOWN}}
</fieldset>
</form>
</section>
{{/PLACE}}
{{#DELETE_CATEGORY}}
<section class="admin-card admin-card--wide" aria-labelledby="category-delete">
<h2 id="category-delete">{{TITLE}}</h2>
<form method="post" action="{{URL}}" class="admin-action admin-action--danger" id="delete">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
{{#REASSIGN}}
<div class="field">
<label for="f-reassign_to">{{LABEL}}</label>
<select id="f-reassign_to" name="reassign_to" aria-describedby="f-reassign_to-hint">
{{#REASSIGN_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/REASSIGN_OPTION}}
</select>
<p class="field__hint" id="f-reassign_to-hint">{{HINT}}</p>
</div>
{{/REASSIGN}}
{{#NOWHERE}}<p class="notice">{{TEXT}}</p>{{/NOWHERE}}
<div class="field field--check"><input id="delete-confirm" type="checkbox" name="confirm" value="yes"><label for="delete-confirm">{{CONFIRM_LABEL}}</label></div>
{{#CODE}}<div class="field"><label for="delete-code">{{LABEL}}</label><input id="delete-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" aria-describedby="delete-code-hint"><p class="field__hint" id="delete-code-hint">{{HINT}}</p></div>{{/CODE}}
<button type="submit" class="button button--danger">{{SUBMIT}}</button>
</fieldset>
</form>
</section>
{{/DELETE_CATEGORY}}
