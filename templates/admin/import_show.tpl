{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
<dl class="facts" id="import-facts">
<dt>{{FILE_LABEL}}</dt><dd>{{FILE}}</dd>
<dt>{{WHO_LABEL}}</dt><dd>{{WHO}}</dd>
<dt>{{WHEN_LABEL}}</dt><dd>{{WHEN}}</dd>
<dt>{{STATUS_LABEL}}</dt><dd><span class="admin-import-status admin-import-status--{{STATUS}}" id="import-status">{{STATUS_TEXT}}</span></dd>
</dl>
{{#RUNNING}}
<section class="admin-card admin-card--wide" aria-labelledby="import-progress-label">
<h2 id="import-progress-label">{{PROGRESS_LABEL}}</h2>
<progress id="import-progress" max="{{TOTAL}}" value="{{DONE}}" aria-labelledby="import-progress-label" aria-describedby="import-progress-text" data-import-progress="{{PROGRESS_URL}}" data-status="{{STATUS}}">{{TEXT}}</progress>
<p id="import-progress-text" role="status">{{TEXT}}</p>
<p><a href="{{REFRESH_URL}}" id="import-refresh">{{REFRESH}}</a></p>
<script src="{{SCRIPT_URL}}" defer></script>
</section>
{{/RUNNING}}
{{#FAILED}}
<p class="error-summary" role="alert">{{TEXT}}</p>
{{/FAILED}}
{{#SUMMARY}}
<nav class="admin-import-summary" aria-label="{{SUMMARY_LABEL}}" id="import-summary">
<ul>
{{#CREATED}}<li><a href="{{URL}}"><span class="admin-import-count" data-outcome="created">{{COUNT}}</span> {{CREATED_LABEL}}</a></li>{{/CREATED}}
{{#CHANGED}}<li><a href="{{URL}}"><span class="admin-import-count" data-outcome="changed">{{COUNT}}</span> {{CHANGED_LABEL}}</a></li>{{/CHANGED}}
{{#UNCHANGED}}<li><a href="{{URL}}"><span class="admin-import-count" data-outcome="unchanged">{{COUNT}}</span> {{UNCHANGED_LABEL}}</a></li>{{/UNCHANGED}}
{{#REFUSED}}<li><a href="{{URL}}"><span class="admin-import-count" data-outcome="refused">{{COUNT}}</span> {{REFUSED_LABEL}}</a></li>{{/REFUSED}}
<li><a href="{{ALL_URL}}">{{ALL_LABEL}}</a></li>
</ul>
</nav>
{{/SUMMARY}}
{{#APPLY}}
<form method="post" action="{{URL}}" class="admin-form" id="import-apply">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<p>{{EXPLAIN}}</p>
{{#REFUSED_NOTE}}<p class="field__hint">{{TEXT}}</p>{{/REFUSED_NOTE}}
<button type="submit" class="button">{{BUTTON}}</button>
</form>
{{/APPLY}}
{{#NOTHING}}
<p class="notice" id="import-nothing">{{TEXT}}</p>
{{/NOTHING}}
{{#LINES}}
<div class="admin-table-wrap">
<table class="admin-table admin-table--log" id="import-lines">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{LINE_HEAD}}</th><th scope="col">{{SKU_HEAD}}</th><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{OUTCOME_HEAD}}</th><th scope="col">{{DETAILS_HEAD}}</th></tr></thead>
<tbody>
{{#ROW}}
<tr id="line-{{LINE}}" data-outcome="{{OUTCOME}}">
<td>{{LINE}}</td>
<td><code>{{SKU}}</code></td>
<td>{{#PRODUCT_LINK}}<a href="{{URL}}">{{TEXT}}</a>{{/PRODUCT_LINK}}{{#PRODUCT_TEXT}}{{TEXT}}{{/PRODUCT_TEXT}}</td>
<td><span class="admin-import-outcome admin-import-outcome--{{OUTCOME}}">{{OUTCOME_TEXT}}</span></td>
<td>{{#ERRORS}}<ul class="admin-import-errors">
{{#ERROR}}<li>{{#COLUMN_SECTION}}<code>{{COLUMN}}</code> : {{/COLUMN_SECTION}}{{MESSAGE}}</li>
{{/ERROR}}</ul>{{/ERRORS}}{{#CHANGES}}<ul class="audit-changes">
{{#CHANGE}}<li><span class="audit-field">{{FIELD}}</span> <span class="audit-before">{{BEFORE}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">{{BECOMES}}</span> <span class="audit-after">{{AFTER}}</span></li>
{{/CHANGE}}</ul>{{/CHANGES}}</td>
</tr>
{{/ROW}}
{{#EMPTY}}
<tr><td colspan="5">{{TEXT}}</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
<nav class="pagination" aria-label="{{PAGES_LABEL}}">
{{#FIRST_PAGE}}<a href="{{URL}}" rel="first">{{FIRST_TEXT}}</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{URL}}" rel="next">{{NEXT_TEXT}}</a>{{/NEXT_PAGE}}
</nav>
{{/LINES}}
