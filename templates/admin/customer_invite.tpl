{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
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
{{#TAKEN}}
<p><a href="{{URL}}">{{TEXT}}</a></p>
{{/TAKEN}}
<form method="post" action="{{ACTION}}" class="admin-form" id="invite">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<section class="admin-card admin-card--wide" aria-labelledby="invite-title">
<h2 id="invite-title">{{LEGEND}}</h2>
<p class="field__hint">{{HINT}}</p>
<div class="admin-fields">
<div class="field{{#EMAIL_INVALID}} field--invalid{{/EMAIL_INVALID}}">
<label for="invite-email">{{EMAIL_LABEL}}</label>
{{#EMAIL_INVALID}}<p class="field__error" id="invite-email-error">{{TEXT}}</p>{{/EMAIL_INVALID}}
<input id="invite-email" type="email" name="email" value="{{EMAIL}}" maxlength="254" autocomplete="off" required{{#EMAIL_INVALID}} aria-invalid="true" aria-describedby="invite-email-error"{{/EMAIL_INVALID}}>
</div>
<div class="field{{#NAME_INVALID}} field--invalid{{/NAME_INVALID}}">
<label for="invite-name">{{NAME_LABEL}}</label>
{{#NAME_INVALID}}<p class="field__error" id="invite-name-error">{{TEXT}}</p>{{/NAME_INVALID}}
<input id="invite-name" type="text" name="name" value="{{NAME}}" maxlength="200" autocomplete="off"{{#NAME_INVALID}} aria-invalid="true" aria-describedby="invite-name-error"{{/NAME_INVALID}}>
</div>
<div class="field{{#ROLE_INVALID}} field--invalid{{/ROLE_INVALID}}">
<label for="invite-role">{{ROLE_LABEL}}</label>
{{#ROLE_INVALID}}<p class="field__error" id="invite-role-error">{{TEXT}}</p>{{/ROLE_INVALID}}
<select id="invite-role" name="role"{{#ROLE_INVALID}} aria-invalid="true" aria-describedby="invite-role-error"{{/ROLE_INVALID}}>
{{#ROLE_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/ROLE_OPTION}}
</select>
</div>
<div class="field{{#LOCALE_INVALID}} field--invalid{{/LOCALE_INVALID}}">
<label for="invite-locale">{{LOCALE_LABEL}}</label>
{{#LOCALE_INVALID}}<p class="field__error" id="invite-locale-error">{{TEXT}}</p>{{/LOCALE_INVALID}}
<select id="invite-locale" name="locale"{{#LOCALE_INVALID}} aria-invalid="true" aria-describedby="invite-locale-error"{{/LOCALE_INVALID}}>
{{#LOCALE_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/LOCALE_OPTION}}
</select>
</div>
{{#CODE}}
<div class="field">
<label for="invite-code">{{LABEL}}</label>
<input id="invite-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="invite-code-hint">
<p class="field__hint" id="invite-code-hint">{{HINT}}</p>
</div>
{{/CODE}}
</div>
<p><button type="submit" class="button">{{SUBMIT}}</button></p>
</section>
</form>
