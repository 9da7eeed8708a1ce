{{%AUTOESCAPE context="HTML"}}
<form class="admin-filters" method="get" action="{{ACTION}}" aria-label="{{FILTERS_LABEL}}">
<div class="field">
<label for="returns-q">{{SEARCH_LABEL}}</label>
<input id="returns-q" type="search" name="q" value="{{SEARCH}}" maxlength="20" aria-describedby="returns-q-hint">
<p class="field__hint" id="returns-q-hint">{{SEARCH_HINT}}</p>
</div>
<div class="field">
<label for="returns-state">{{STATE_LABEL}}</label>
<select id="returns-state" name="state">
{{#STATE_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/STATE_OPTION}}
</select>
</div>
<div class="admin-filters__buttons">
<button type="submit" class="button">{{FILTER_BUTTON}}</button>
<a href="{{RESET_URL}}">{{RESET}}</a>
</div>
</form>
<div class="admin-table-wrap">
<table class="admin-table" id="returns">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{NUMBER_HEAD}}</th><th scope="col">{{ORDER_HEAD}}</th><th scope="col">{{DATE_HEAD}}</th><th scope="col">{{CUSTOMER_HEAD}}</th><th scope="col">{{STATE_HEAD}}</th><th scope="col">{{REASON_HEAD}}</th><th scope="col">{{AMOUNT_HEAD}}</th></tr></thead>
<tbody>
{{#RETURN_ROW}}
<tr><th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th><td><a href="{{ORDER_URL}}">{{ORDER}}</a></td><td>{{DATE}}</td><td>{{EMAIL}}</td><td><span class="status status--{{STATE_CLASS}}">{{STATE}}</span></td><td>{{REASON}}</td><td class="num">{{AMOUNT}}</td></tr>
{{/RETURN_ROW}}
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
