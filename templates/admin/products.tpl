{{%AUTOESCAPE context="HTML"}}
{{#CAN_WRITE}}<p><a class="button" href="{{NEW_URL}}">{{NEW_TEXT}}</a></p>{{/CAN_WRITE}}
<form class="admin-filters" method="get" action="{{ACTION}}" aria-label="{{FILTERS_LABEL}}">
<div class="field">
<label for="products-q">{{SEARCH_LABEL}}</label>
<input id="products-q" type="search" name="q" value="{{SEARCH}}" maxlength="100" aria-describedby="products-q-hint">
<p class="field__hint" id="products-q-hint">{{SEARCH_HINT}}</p>
</div>
<div class="field">
<label for="products-status">{{STATUS_LABEL}}</label>
<select id="products-status" name="status">
{{#STATUS_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/STATUS_OPTION}}
</select>
</div>
<div class="field">
<label for="products-category">{{CATEGORY_LABEL}}</label>
<select id="products-category" name="category">
{{#CATEGORY_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/CATEGORY_OPTION}}
</select>
</div>
<div class="field">
<label for="products-stock">{{STOCK_LABEL}}</label>
<select id="products-stock" name="stock">
{{#STOCK_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/STOCK_OPTION}}
</select>
</div>
<div class="field">
<label for="products-fulfillment">{{FULFILLMENT_LABEL}}</label>
<select id="products-fulfillment" name="fulfillment">
{{#FULFILLMENT_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/FULFILLMENT_OPTION}}
</select>
</div>
<div class="field">
<label for="products-sort">{{SORT_LABEL}}</label>
<select id="products-sort" name="sort">
{{#SORT_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/SORT_OPTION}}
</select>
</div>
<div class="admin-filters__buttons">
<button type="submit" class="button">{{FILTER_BUTTON}}</button>
<a href="{{RESET_URL}}">{{RESET}}</a>
</div>
</form>
<p class="admin-export"><a href="{{EXPORT_URL}}" download aria-describedby="products-export-hint">{{EXPORT}}</a> <span class="field__hint" id="products-export-hint">{{EXPORT_HINT}}</span>{{#CAN_WRITE}} · <a href="{{IMPORT_URL}}">{{IMPORT}}</a>{{/CAN_WRITE}}</p>
<p role="status">{{COUNT}}</p>
<div class="admin-table-wrap">
<table class="admin-table" id="products">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{IMAGE_HEAD}}</th><th scope="col">{{NAME_HEAD}}</th><th scope="col">{{STATUS_HEAD}}</th><th scope="col">{{PRICE_HEAD}}</th><th scope="col">{{STOCK_HEAD}}</th><th scope="col">{{UPDATED_HEAD}}</th></tr></thead>
<tbody>
{{#PRODUCT_ROW}}
<tr><td>{{#THUMB}}<img src="{{SRC}}" alt="" width="48" height="48" loading="lazy">{{/THUMB}}</td><th scope="row"><a href="{{URL}}">{{NAME}}</a></th><td><span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span></td><td class="num">{{PRICE}}</td><td>{{STOCK}}</td><td>{{UPDATED}}</td></tr>
{{/PRODUCT_ROW}}
{{#EMPTY}}
<tr><td colspan="6">{{TEXT}}</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
<nav class="pagination" aria-label="{{PAGES_LABEL}}">
{{#PREVIOUS_PAGE}}<a href="{{URL}}" rel="prev">{{TEXT}}</a>{{/PREVIOUS_PAGE}}
{{#NEXT_PAGE}}<a href="{{URL}}" rel="next">{{TEXT}}</a>{{/NEXT_PAGE}}
</nav>
