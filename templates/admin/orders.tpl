{{%AUTOESCAPE context="HTML"}}
<form class="admin-filters" method="get" action="{{ACTION}}" aria-label="{{FILTERS_LABEL}}">
<div class="field">
<label for="orders-q">{{SEARCH_LABEL}}</label>
<input id="orders-q" type="search" name="q" value="{{SEARCH}}" maxlength="100" aria-describedby="orders-q-hint">
<p class="field__hint" id="orders-q-hint">{{SEARCH_HINT}}</p>
</div>
<div class="field">
<label for="orders-status">{{STATUS_LABEL}}</label>
<select id="orders-status" name="status">
{{#STATUS_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/STATUS_OPTION}}
</select>
</div>
<div class="field">
<label for="orders-provider">{{PROVIDER_LABEL}}</label>
<select id="orders-provider" name="provider">
{{#PROVIDER_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/PROVIDER_OPTION}}
</select>
</div>
<div class="field">
<label for="orders-from">{{FROM_LABEL}}</label>
<input id="orders-from" type="date" name="from" value="{{FROM}}">
</div>
<div class="field">
<label for="orders-to">{{TO_LABEL}}</label>
<input id="orders-to" type="date" name="to" value="{{TO}}">
</div>
<div class="admin-filters__buttons">
<button type="submit" class="button">{{FILTER_BUTTON}}</button>
<a href="{{RESET_URL}}">{{RESET}}</a>
</div>
</form>
<div class="admin-table-wrap">
<table class="admin-table" id="orders">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{NUMBER_HEAD}}</th><th scope="col">{{DATE_HEAD}}</th><th scope="col">{{CUSTOMER_HEAD}}</th><th scope="col">{{STATUS_HEAD}}</th><th scope="col">{{ITEMS_HEAD}}</th><th scope="col">{{TOTAL_HEAD}}</th><th scope="col">{{PROVIDER_HEAD}}</th></tr></thead>
<tbody>
{{#ORDER_ROW}}
<tr><th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th><td>{{DATE}}</td><td>{{EMAIL}}</td><td><span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span></td><td class="num">{{ITEMS}}</td><td class="num">{{TOTAL}}</td><td>{{PROVIDER}}</td></tr>
{{/ORDER_ROW}}
{{#EMPTY}}
<tr><td colspan="7">{{TEXT}}</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
<nav class="pagination" aria-label="{{PAGES_LABEL}}">
{{#FIRST_PAGE}}<a href="{{URL}}" rel="first">{{TEXT}}</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{URL}}" rel="next">{{TEXT}}</a>{{/NEXT_PAGE}}
</nav>
