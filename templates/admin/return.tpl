{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
<div class="admin-grid">
<section class="admin-card" aria-labelledby="return-summary">
<h2 id="return-summary">{{FACTS_TITLE}}</h2>
<dl class="facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd>{{#LINK}}<a href="{{URL}}">{{VALUE}}</a>{{/LINK}}{{#PLAIN}}{{VALUE}}{{/PLAIN}}</dd>
{{/FACT}}
</dl>
{{#COMMENT}}<h3>{{TITLE}}</h3><p>{{TEXT}}</p>{{/COMMENT}}
</section>
<section class="admin-card admin-card--wide" aria-labelledby="return-lines">
<h2 id="return-lines">{{LINES_TITLE}}</h2>
<div class="admin-table-wrap">
<table class="admin-table">
<thead><tr><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{SKU_HEAD}}</th><th scope="col">{{QUANTITY_HEAD}}</th><th scope="col">{{RESTOCK_HEAD}}</th></tr></thead>
<tbody>
{{#LINE}}
<tr><td>{{NAME}}</td><td><code>{{SKU}}</code></td><td class="num">{{QUANTITY}}</td><td>{{RESTOCK}}</td></tr>
{{/LINE}}
</tbody>
</table>
</div>
</section>
{{#ACTIONS}}
<section class="admin-card admin-card--wide" aria-labelledby="return-actions">
<h2 id="return-actions">{{TITLE}}</h2>
{{#ACTION}}
<form method="post" action="{{URL}}" class="admin-action{{#DANGER}} admin-action--danger{{/DANGER}}" id="action-{{TO}}">
<fieldset>
<legend>{{LEGEND}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="to" value="{{TO}}">
<input type="hidden" name="expected" value="{{EXPECTED}}">
{{#RESTOCK_LINE}}
<div class="field field--check"><input id="restock-{{POSITION}}" type="checkbox" name="restock" value="{{POSITION}}" checked><label for="restock-{{POSITION}}">{{LABEL}}</label></div>
{{/RESTOCK_LINE}}
<div class="field">
<label for="note-{{TO}}">{{NOTE_LABEL}}</label>
<textarea id="note-{{TO}}" name="note" rows="2" maxlength="1000"{{#NOTE_REQUIRED}} required{{/NOTE_REQUIRED}}></textarea>
</div>
<button type="submit" class="button{{#DANGER}} button--danger{{/DANGER}}">{{SUBMIT}}</button>
</fieldset>
</form>
{{/ACTION}}
{{#REFUND}}
<form method="post" action="{{URL}}" class="admin-action" id="refund">
<fieldset>
<legend>{{LEGEND}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<div class="field">
<label for="refund-amount">{{AMOUNT_LABEL}}</label>
<input id="refund-amount" type="text" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="16" required>
</div>
<div class="field">
<label for="refund-note">{{NOTE_LABEL}}</label>
<input id="refund-note" type="text" name="note" maxlength="1000">
</div>
<div class="field field--check"><input id="refund-confirm" type="checkbox" name="confirm" value="yes"><label for="refund-confirm">{{CONFIRM_LABEL}}</label></div>
{{#CODE}}<div class="field"><label for="refund-code">{{LABEL}}</label><input id="refund-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" aria-describedby="refund-code-hint"><p class="field__hint" id="refund-code-hint">{{HINT}}</p></div>{{/CODE}}
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/REFUND}}
</section>
{{/ACTIONS}}
<section class="admin-card admin-card--wide" aria-labelledby="return-history">
<h2 id="return-history">{{HISTORY_TITLE}}</h2>
<div class="admin-table-wrap">
<table class="admin-table">
<thead><tr><th scope="col">{{WHEN_HEAD}}</th><th scope="col">{{WHO_HEAD}}</th><th scope="col">{{CHANGE_HEAD}}</th><th scope="col">{{NOTE_HEAD}}</th></tr></thead>
<tbody>
{{#HISTORY}}
<tr><td>{{WHEN}}</td><td>{{WHO}}</td><td>{{CHANGE}}</td><td>{{NOTE}}</td></tr>
{{/HISTORY}}
</tbody>
</table>
</div>
</section>
</div>
