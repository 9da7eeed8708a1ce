{{%AUTOESCAPE context="HTML"}}
{{>BREADCRUMBS}}
<h1>{{HEADING}}</h1>
{{#INTRO_SECTION}}
<p class="lead">{{INTRO}}</p>
{{/INTRO_SECTION}}
{{#SEARCH_SECTION}}
<form class="listing-search" action="{{ACTION}}" method="get">
<label for="listing-q">{{SEARCH_LABEL}}</label>
<div class="listing-search__row">
<input id="listing-q" type="search" name="q" value="{{Q}}">
<button class="button" type="submit">{{SEARCH_BUTTON}}</button>
</div>
</form>
{{/SEARCH_SECTION}}
{{#SUBCATEGORIES}}
<nav class="subcategories" aria-label="{{LABEL}}">
<ul>
{{#SUBCATEGORY}}
<li><a href="{{URL}}">{{NAME}}</a></li>
{{/SUBCATEGORY}}
</ul>
</nav>
{{/SUBCATEGORIES}}
<div class="listing">
<div class="listing__filters">
{{>FILTERS}}
</div>
<section class="listing__results" aria-labelledby="results-heading">
<h2 id="results-heading" class="listing__count">{{COUNT}}</h2>
{{#SUGGESTIONS}}
<p class="suggestions">{{DID_YOU_MEAN}} {{#SUGGESTION}}<a href="{{URL}}">{{TEXT}}</a>{{#SUGGESTION_separator}}, {{/SUGGESTION_separator}}{{/SUGGESTION}}</p>
{{/SUGGESTIONS}}
{{#SORT_SECTION}}
<nav class="sort" aria-label="{{SORT_LABEL}}">
<ul>
{{#SORT}}
<li><a href="{{URL}}"{{#CURRENT}} aria-current="true"{{/CURRENT}}>{{TEXT}}</a></li>
{{/SORT}}
</ul>
</nav>
{{/SORT_SECTION}}
{{#EMPTY}}
<p class="listing__empty">{{TEXT}}</p>
{{/EMPTY}}
{{GRID_HTML:none}}
{{>PAGINATION}}
</section>
</div>
