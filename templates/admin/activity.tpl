{{%AUTOESCAPE context="HTML"}}
<form class="admin-filters" method="get" action="{{ACTION_URL}}" aria-label="{{FILTERS_LABEL}}">
<div class="field">
<label for="activity-actor">{{ACTOR_LABEL}}</label>
<input id="activity-actor" type="search" name="actor" value="{{ACTOR}}" maxlength="100" aria-describedby="activity-actor-hint">
<p class="field__hint" id="activity-actor-hint">{{ACTOR_HINT}}</p>
</div>
<div class="field">
<label for="activity-action">{{ACTION_LABEL}}</label>
<input id="activity-action" type="text" name="action" value="{{ACTION}}" maxlength="100" autocapitalize="none" spellcheck="false" aria-describedby="activity-action-hint">
<p class="field__hint" id="activity-action-hint">{{ACTION_HINT}}</p>
</div>
<div class="field">
<label for="activity-kind">{{KIND_LABEL}}</label>
<input id="activity-kind" type="text" name="kind" value="{{KIND}}" maxlength="40" autocapitalize="none" spellcheck="false" aria-describedby="activity-kind-hint">
<p class="field__hint" id="activity-kind-hint">{{KIND_HINT}}</p>
</div>
<div class="field">
<label for="activity-id">{{ID_LABEL}}</label>
<input id="activity-id" type="text" name="id" value="{{ENTITY_ID}}" maxlength="100" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="activity-from">{{FROM_LABEL}}</label>
<input id="activity-from" type="date" name="from" value="{{FROM}}">
</div>
<div class="field">
<label for="activity-to">{{TO_LABEL}}</label>
<input id="activity-to" type="date" name="to" value="{{TO}}">
</div>
<div class="admin-filters__buttons">
<button type="submit" class="button">{{FILTER_BUTTON}}</button>
<a href="{{RESET_URL}}">{{RESET}}</a>
</div>
</form>
<p class="admin-export"><a href="{{EXPORT_URL}}" download aria-describedby="activity-export-hint">{{EXPORT}}</a> <span class="field__hint" id="activity-export-hint">{{EXPORT_HINT}}</span></p>
{{#NOTE}}
<p class="notice" role="status">{{TEXT}}</p>
{{/NOTE}}
<div class="admin-table-wrap">
<table class="admin-table admin-table--log" id="activity">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{WHEN_HEAD}}</th><th scope="col">{{WHO_HEAD}}</th><th scope="col">{{ACTION_HEAD}}</th><th scope="col">{{ENTITY_HEAD}}</th><th scope="col">{{IP_HEAD}}</th><th scope="col">{{REQUEST_HEAD}}</th><th scope="col">{{DETAILS_HEAD}}</th></tr></thead>
<tbody>
{{#ROW}}
<tr id="audit-{{ID}}">
<td><time datetime="{{DATETIME}}">{{WHEN}}</time></td>
<td>{{#ACTOR_LINK}}<a href="{{URL}}">{{TEXT}}</a>{{#EMAIL_SECTION}}<br><span class="admin-muted">{{EMAIL}}</span>{{/EMAIL_SECTION}}{{/ACTOR_LINK}}{{#ACTOR_TEXT}}{{TEXT}}{{/ACTOR_TEXT}}</td>
<td><a href="{{ACTION_URL}}"><code>{{ACTION}}</code></a></td>
<td>{{#ENTITY_LINK}}{{KIND}} <a href="{{URL}}">{{ENTITY_ID}}</a>{{/ENTITY_LINK}}{{#ENTITY_TEXT}}{{KIND}} <code>{{ENTITY_ID}}</code>{{/ENTITY_TEXT}}</td>
<td><code>{{IP}}</code></td>
<td><code class="admin-code--small">{{REQUEST_ID}}</code></td>
<td>{{#CHANGES}}<ul class="audit-changes">
{{#CHANGE}}<li>{{#FIELD_SECTION}}<span class="audit-field">{{FIELD}}</span> {{/FIELD_SECTION}}<span class="audit-before">{{BEFORE}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">{{BECOMES}}</span> <span class="audit-after">{{AFTER}}</span></li>
{{/CHANGE}}</ul>{{/CHANGES}}{{#FACTS}}<dl class="audit-facts">
{{#FACT}}<dt>{{NAME}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}</dl>{{/FACTS}}</td>
</tr>
{{/ROW}}
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
