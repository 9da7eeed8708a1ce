{{%AUTOESCAPE context="HTML"}}
<section class="admin-card admin-card--wide" aria-labelledby="import-send-title">
<h2 id="import-send-title">{{SEND}}</h2>
<p>{{INTRO}} <a href="{{EXPORT_URL}}" download>{{EXPORT_LINK}}</a></p>
<form method="post" action="{{ACTION_URL}}" enctype="multipart/form-data" class="admin-form" id="import-form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<div class="field">
<label for="import-file">{{FILE_LABEL}}</label>
<p class="field__hint" id="import-file-hint">{{FILE_HINT}}</p>
{{#FILE_ERROR}}<p class="field__error" id="import-file-error">{{TEXT}}</p>{{/FILE_ERROR}}
<input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="import-file-hint{{#FILE_ERROR}} import-file-error{{/FILE_ERROR}}" aria-invalid="{{FILE_INVALID}}">
</div>
<button type="submit" class="button">{{SEND}}</button>
</form>
<details class="admin-import-rules">
<summary>{{RULES_TITLE}}</summary>
<ul>
<li>{{RULE_COLUMNS}}</li>
<li>{{RULE_EMPTY}}</li>
<li>{{RULE_MATCH}}</li>
<li>{{RULE_NUMBERS}}</li>
<li>{{RULE_NEVER_DELETES}}</li>
</ul>
</details>
</section>
<div class="admin-table-wrap">
<table class="admin-table" id="imports">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{WHEN_HEAD}}</th><th scope="col">{{FILE_HEAD}}</th><th scope="col">{{WHO_HEAD}}</th><th scope="col">{{STATUS_HEAD}}</th><th scope="col">{{COUNTS_HEAD}}</th></tr></thead>
<tbody>
{{#IMPORT}}
<tr>
<td>{{WHEN}}</td>
<td><a href="{{URL}}">{{FILE}}</a></td>
<td>{{WHO}}</td>
<td>{{STATUS}}</td>
<td>{{COUNTS}}</td>
</tr>
{{/IMPORT}}
{{#NO_IMPORT}}
<tr><td colspan="5">{{TEXT}}</td></tr>
{{/NO_IMPORT}}
</tbody>
</table>
</div>
