{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
<div class="admin-grid">
<section class="admin-card" aria-labelledby="customer-account">
<h2 id="customer-account">{{ACCOUNT_TITLE}}</h2>
<dl class="facts" id="customer-facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}
</dl>
</section>
<section class="admin-card" aria-labelledby="customer-addresses">
<h2 id="customer-addresses">{{ADDRESSES_TITLE}}</h2>
{{#ADDRESS}}
<address>
{{#LINE}}{{TEXT}}<br>
{{/LINE}}
</address>
{{#DEFAULT}}<p class="field__hint">{{TEXT}}</p>{{/DEFAULT}}
{{/ADDRESS}}
{{#NO_ADDRESS}}<p>{{TEXT}}</p>{{/NO_ADDRESS}}
<p class="field__hint">{{ADDRESSES_NOTE}}</p>
</section>
{{#ACTIONS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="customer-actions">
<h2 id="customer-actions">{{ACTIONS_TITLE}}</h2>
{{#ACTION_NOTE}}
<p class="notice">{{TEXT}}</p>
{{/ACTION_NOTE}}
{{#STATUS_FORM}}
<form method="post" action="{{URL}}" class="admin-action{{#DANGER}} admin-action--danger{{/DANGER}}">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint" id="status-hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="to" value="{{TO}}">
<input type="hidden" name="expected" value="{{EXPECTED}}">
{{#CODE}}
<div class="field">
<label for="status-code">{{LABEL}}</label>
<input id="status-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="status-code-hint">
<p class="field__hint" id="status-code-hint">{{HINT}}</p>
</div>
{{/CODE}}
<div class="field field--check">
<input id="status-confirm" type="checkbox" name="confirm" value="yes" required aria-describedby="status-hint">
<label for="status-confirm">{{CONFIRM_LABEL}}</label>
</div>
<button type="submit" class="button{{#DANGER}} button--secondary{{/DANGER}}">{{SUBMIT}}</button>
</fieldset>
</form>
{{/STATUS_FORM}}
{{#VERIFY_FORM}}
<form method="post" action="{{URL}}" class="admin-action">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit" class="button button--secondary">{{SUBMIT}}</button>
</fieldset>
</form>
{{/VERIFY_FORM}}
{{#ROLE_FORM}}
<form method="post" action="{{URL}}" class="admin-action">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint" id="role-hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="expected" value="{{EXPECTED}}">
<div class="field">
<label for="role-select">{{ROLE_LABEL}}</label>
<select id="role-select" name="role">
{{#ROLE_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/ROLE_OPTION}}
</select>
</div>
{{#CODE}}
<div class="field">
<label for="role-code">{{LABEL}}</label>
<input id="role-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="role-code-hint">
<p class="field__hint" id="role-code-hint">{{HINT}}</p>
</div>
{{/CODE}}
<div class="field field--check">
<input id="role-confirm" type="checkbox" name="confirm" value="yes" required aria-describedby="role-hint">
<label for="role-confirm">{{CONFIRM_LABEL}}</label>
</div>
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/ROLE_FORM}}
{{#SIGN_OUT_FORM}}
<form method="post" action="{{URL}}" class="admin-action">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint" id="sign-out-hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<div class="field field--check">
<input id="sign-out-confirm" type="checkbox" name="confirm" value="yes" required aria-describedby="sign-out-hint">
<label for="sign-out-confirm">{{CONFIRM_LABEL}}</label>
</div>
<button type="submit" class="button button--secondary">{{SUBMIT}}</button>
</fieldset>
</form>
{{/SIGN_OUT_FORM}}
{{#INVITE_FORM}}
<form method="post" action="{{URL}}" class="admin-action">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit" class="button button--secondary">{{SUBMIT}}</button>
</fieldset>
</form>
{{/INVITE_FORM}}
</section>
{{/ACTIONS_SECTION}}
{{#ORDERS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="customer-orders">
<h2 id="customer-orders">{{ORDERS_TITLE}}</h2>
<div class="admin-table-wrap">
<table class="admin-table" id="customer-order-list">
<thead><tr><th scope="col">{{NUMBER_HEAD}}</th><th scope="col">{{DATE_HEAD}}</th><th scope="col">{{STATUS_HEAD}}</th><th scope="col">{{TOTAL_HEAD}}</th></tr></thead>
<tbody>
{{#ORDER}}
<tr><th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th><td>{{DATE}}</td><td><span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span></td><td class="num">{{TOTAL}}</td></tr>
{{/ORDER}}
{{#NO_ORDER}}
<tr><td colspan="4">{{TEXT}}</td></tr>
{{/NO_ORDER}}
</tbody>
</table>
</div>
{{#ALL_ORDERS}}<p><a href="{{URL}}">{{TEXT}}</a></p>{{/ALL_ORDERS}}
<h3>{{RETURNS_TITLE}}</h3>
<div class="admin-table-wrap">
<table class="admin-table" id="customer-return-list">
<thead><tr><th scope="col">{{RMA_HEAD}}</th><th scope="col">{{ORDER_HEAD}}</th><th scope="col">{{STATE_HEAD}}</th><th scope="col">{{DATE_HEAD}}</th><th scope="col">{{REFUND_HEAD}}</th></tr></thead>
<tbody>
{{#RETURN}}
<tr><th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th><td><a href="{{ORDER_URL}}">{{ORDER_NUMBER}}</a></td><td>{{STATE}}</td><td>{{DATE}}</td><td class="num">{{REFUND}}</td></tr>
{{/RETURN}}
{{#NO_RETURN}}
<tr><td colspan="5">{{TEXT}}</td></tr>
{{/NO_RETURN}}
</tbody>
</table>
</div>
</section>
{{/ORDERS_SECTION}}
</div>
