{{%AUTOESCAPE context="HTML"}}
<form class="filters" action="{{ACTION}}" method="get">
<h2 class="filters__heading">{{HEADING}}</h2>
{{#Q_SECTION}}
<input type="hidden" name="q" value="{{Q}}">
{{/Q_SECTION}}
{{#SORT_SECTION}}
<input type="hidden" name="sort" value="{{SORT}}">
{{/SORT_SECTION}}
<fieldset class="filters__price">
<legend>{{PRICE_LEGEND}}</legend>
<div class="field">
<label for="filter-min">{{MIN_LABEL}}</label>
<input id="filter-min" name="min" type="number" min="0" step="0.01" inputmode="decimal" value="{{MIN}}">
</div>
<div class="field">
<label for="filter-max">{{MAX_LABEL}}</label>
<input id="filter-max" name="max" type="number" min="0" step="0.01" inputmode="decimal" value="{{MAX}}">
</div>
</fieldset>
<div class="field field--check">
<input id="filter-in-stock" name="in_stock" type="checkbox" value="1"{{#IN_STOCK}} checked{{/IN_STOCK}}>
<label for="filter-in-stock">{{IN_STOCK_LABEL}}</label>
</div>
<button class="button" type="submit">{{APPLY_LABEL}}</button>
{{#RESET_SECTION}}
<p><a href="{{RESET_URL}}">{{RESET_LABEL}}</a></p>
{{/RESET_SECTION}}
</form>
