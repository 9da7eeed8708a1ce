{{%AUTOESCAPE context="HTML"}}
<p>{{INTRO}}</p>
<p>{{DUTIES}}</p>
{{#RECORD}}<p><a class="button" href="{{URL}}">{{TEXT}}</a></p>{{/RECORD}}
<div class="admin-table-wrap">
<table class="admin-table" id="incidents">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">{{NUMBER_HEAD}}</th><th scope="col">{{DISCOVERED_HEAD}}</th><th scope="col">{{DESCRIPTION_HEAD}}</th><th scope="col">{{PEOPLE_HEAD}}</th><th scope="col">{{RISK_HEAD}}</th><th scope="col">{{NOTIFIED_HEAD}}</th></tr></thead>
<tbody>
{{#INCIDENT_ROW}}
<tr><th scope="row"><a href="{{URL}}">{{NUMBER}}</a></th><td>{{DISCOVERED}}</td><td>{{DESCRIPTION}}</td><td class="num">{{PEOPLE}}</td><td>{{RISK}}</td><td>{{NOTIFIED}}</td></tr>
{{/INCIDENT_ROW}}
{{#EMPTY}}
<tr><td colspan="6">{{TEXT}}</td></tr>
{{/EMPTY}}
</tbody>
</table>
</div>
<nav class="pagination" aria-label="{{PAGES_LABEL}}">
{{#FIRST_PAGE}}<a href="{{URL}}" rel="first">{{TEXT}}</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{URL}}" rel="next">{{TEXT}}</a>{{/NEXT_PAGE}}
</nav>
