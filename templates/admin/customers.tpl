{{%AUTOESCAPE context="HTML"}}
{{#INVITE_LINK}}
<p><a class="button" href="{{URL}}">{{TEXT}}</a></p>
{{/INVITE_LINK}}
<form class="admin-filters" method="get" action="{{ACTION}}" aria-label="{{FILTERS_LABEL}}">
<div class="field">
<label for="customers-q">{{SEARCH_LABEL}}</label>
<input id="customers-q" type="search" name="q" value="{{SEARCH}}" maxlength="100" aria-describedby="customers-q-hint">
<p class="field__hint" id="customers-q-hint">{{SEARCH_HINT}}</p>
</div>
<div class="field">
<label for="customers-role">{{ROLE_LABEL}}</label>
<select id="customers-role" name="role">
{{#ROLE_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/ROLE_OPTION}}
</select>
</div>
<div class="field">
<label for="customers-state">{{STATE_LABEL}}</label>
<select id="customers-state" name="state">
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
<table class="admin-table" id="customers">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{EMAIL_HEAD}}</th><th scope="col">{{NAME_HEAD}}</th><th scope="col">{{ROLE_HEAD}}</th><th scope="col">{{VERIFIED_HEAD}}</th><th scope="col">{{TWO_FACTOR_HEAD}}</th><th scope="col">{{CREATED_HEAD}}</th><th scope="col">{{STATE_HEAD}}</th></tr></thead>
<tbody>
{{#CUSTOMER_ROW}}
<tr><th scope="row"><a href="{{URL}}">{{EMAIL}}</a></th><td>{{NAME}}</td><td>{{ROLE}}</td><td>{{VERIFIED}}</td><td>{{TWO_FACTOR}}</td><td>{{CREATED}}</td><td>{{STATE}}</td></tr>
{{/CUSTOMER_ROW}}
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
