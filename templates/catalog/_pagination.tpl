{{%AUTOESCAPE context="HTML"}}
<nav class="pagination" aria-label="{{LABEL}}">
<ul>
{{#PREVIOUS}}
<li><a href="{{URL}}" rel="prev">{{TEXT}}</a></li>
{{/PREVIOUS}}
{{#ITEM}}
<li>{{#PAGE_LINK}}<a href="{{URL}}" aria-label="{{ACCESSIBLE_LABEL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NUMBER}}</a>{{/PAGE_LINK}}{{#GAP}}<span class="pagination__gap">…</span>{{/GAP}}</li>
{{/ITEM}}
{{#NEXT}}
<li><a href="{{URL}}" rel="next">{{TEXT}}</a></li>
{{/NEXT}}
</ul>
</nav>
