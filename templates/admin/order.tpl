{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
<div class="admin-grid">
<section class="admin-card" aria-labelledby="order-summary">
<h2 id="order-summary">{{FACTS_TITLE}}</h2>
<dl class="facts">
{{#FACT}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}
</dl>
{{#DOCUMENTS}}<p class="admin-documents"><a href="{{INVOICE_URL}}">{{INVOICE}}</a> · <a href="{{SLIP_URL}}">{{SLIP}}</a></p>{{/DOCUMENTS}}
</section>
{{#ADDRESS_SECTION}}
<section class="admin-card" aria-labelledby="order-address">
<h2 id="order-address">{{ADDRESS_TITLE}}</h2>
<address>
{{#ADDRESS_LINE}}{{TEXT}}<br>
{{/ADDRESS_LINE}}
</address>
<p class="field__hint">{{ADDRESS_NOTE}}</p>
</section>
{{/ADDRESS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="order-lines">
<h2 id="order-lines">{{LINES_TITLE}}</h2>
<div class="admin-table-wrap">
<table class="admin-table">
<thead><tr><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{SKU_HEAD}}</th><th scope="col">{{PRICE_HEAD}}</th><th scope="col">{{QUANTITY_HEAD}}</th><th scope="col">{{AMOUNT_HEAD}}</th><th scope="col">{{TAX_HEAD}}</th></tr></thead>
<tbody>
{{#LINE}}
<tr><td>{{NAME}}</td><td><code>{{SKU}}</code></td><td class="num">{{PRICE}}</td><td class="num">{{QUANTITY}}</td><td class="num">{{AMOUNT}}</td><td class="num">{{TAX}}</td></tr>
{{/LINE}}
</tbody>
</table>
</div>
<h3>{{TOTALS_TITLE}}</h3>
<dl class="facts" id="order-totals">
{{#TOTAL}}
<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/TOTAL}}
</dl>
</section>
{{#FULFILMENT}}
<section class="admin-card admin-card--wide" aria-labelledby="order-fulfilment" id="fulfilment">
<h2 id="order-fulfilment">{{TITLE}}</h2>
<p class="field__hint">{{HINT}}</p>
<div class="admin-table-wrap">
<table class="admin-table">
<thead><tr><th scope="col">{{SUPPLIER_HEAD}}</th><th scope="col">{{STATE_HEAD}}</th><th scope="col">{{NUMBER_HEAD}}</th><th scope="col">{{TRACKING_HEAD}}</th><th scope="col">{{ITEMS_HEAD}}</th></tr></thead>
<tbody>
{{#SUPPLIER_ORDER}}
<tr data-state="{{STATE_CODE}}"><td>{{SUPPLIER}}</td><td>{{STATE}}{{#NOTE}}<br><span class="field__hint">{{TEXT}}</span>{{/NOTE}}</td><td>{{NUMBER}}</td><td>{{#TRACKING}}{{CARRIER}} {{#LINK}}<a href="{{URL}}" rel="noopener noreferrer">{{/LINK}}{{NUMBER}}{{#LINK}}</a>{{/LINK}}{{/TRACKING}}</td><td><ul class="plain">{{#ITEM}}<li>{{QUANTITY}} × <code>{{SKU}}</code> {{TITLE}}</li>{{/ITEM}}</ul></td></tr>
{{/SUPPLIER_ORDER}}
</tbody>
</table>
</div>
</section>
{{/FULFILMENT}}
<section class="admin-card admin-card--wide" aria-labelledby="order-actions">
<h2 id="order-actions">{{ACTIONS_TITLE}}</h2>
{{#ACTION}}
<form method="post" action="{{URL}}" class="admin-action{{#DANGER}} admin-action--danger{{/DANGER}}">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="to" value="{{TO}}">
<input type="hidden" name="expected" value="{{EXPECTED}}">
{{#TRACKING}}
<div class="field">
<label for="carrier-{{ID}}">{{CARRIER_LABEL}}</label>
<select id="carrier-{{ID}}" name="carrier">
{{#CARRIER}}<option value="{{CODE}}">{{NAME}}</option>
{{/CARRIER}}
</select>
</div>
<div class="field">
<label for="number-{{ID}}">{{NUMBER_LABEL}}</label>
<input id="number-{{ID}}" type="text" name="tracking_number" maxlength="60" autocomplete="off" aria-describedby="number-{{ID}}-hint">
<p class="field__hint" id="number-{{ID}}-hint">{{NUMBER_HINT}}</p>
</div>
<div class="field">
<label for="tracking-{{ID}}">{{LABEL}}</label>
<input id="tracking-{{ID}}" type="url" name="tracking_url" maxlength="500" inputmode="url" aria-describedby="tracking-{{ID}}-hint">
<p class="field__hint" id="tracking-{{ID}}-hint">{{HINT}}</p>
</div>
{{/TRACKING}}
<div class="field">
<label for="note-{{ID}}">{{NOTE_LABEL}}</label>
<input id="note-{{ID}}" type="text" name="note" maxlength="500">
</div>
<button type="submit" class="button{{#DANGER}} button--secondary{{/DANGER}}">{{SUBMIT}}</button>
</fieldset>
</form>
{{/ACTION}}
</section>
{{#REFUNDS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="order-refunds">
<h2 id="order-refunds">{{REFUNDS_TITLE}}</h2>
<p id="refund-summary">{{SUMMARY}}</p>
<div class="admin-table-wrap">
<table class="admin-table" id="refunds">
<thead><tr><th scope="col">{{WHEN_HEAD}}</th><th scope="col">{{AMOUNT_HEAD}}</th><th scope="col">{{STATE_HEAD}}</th><th scope="col">{{REFERENCE_HEAD}}</th><th scope="col">{{DETAIL_HEAD}}</th></tr></thead>
<tbody>
{{#REFUND}}
<tr><td>{{WHEN}}</td><td class="num">{{AMOUNT}}</td><td>{{STATE}}</td><td><code>{{REFERENCE}}</code></td><td>{{DETAIL}}</td></tr>
{{/REFUND}}
</tbody>
</table>
</div>
{{#REFUND_FORM}}
<form method="post" action="{{URL}}" class="admin-action admin-action--danger">
<fieldset>
<legend>{{LEGEND}}</legend>
<p class="field__hint" id="refund-hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<div class="field">
<label for="refund-amount">{{AMOUNT_LABEL}}</label>
<input id="refund-amount" type="text" name="amount" value="{{AMOUNT}}" inputmode="decimal" autocomplete="off" required aria-describedby="refund-hint">
</div>
<div class="field">
<label for="refund-reason">{{REASON_LABEL}}</label>
<select id="refund-reason" name="reason">
{{#REASON_OPTION}}
<option value="{{VALUE}}">{{TEXT}}</option>
{{/REASON_OPTION}}
</select>
</div>
<div class="field">
<label for="refund-note">{{NOTE_LABEL}}</label>
<input id="refund-note" type="text" name="note" maxlength="1000">
</div>
{{#CODE}}
<div class="field">
<label for="refund-code">{{LABEL}}</label>
<input id="refund-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required aria-describedby="refund-code-hint">
<p class="field__hint" id="refund-code-hint">{{HINT}}</p>
</div>
{{/CODE}}
<div class="field field--check">
<input id="refund-confirm" type="checkbox" name="confirm" value="yes" required>
<label for="refund-confirm">{{CONFIRM_LABEL}}</label>
</div>
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/REFUND_FORM}}
</section>
{{/REFUNDS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="order-history">
<h2 id="order-history">{{HISTORY_TITLE}}</h2>
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
