{{%AUTOESCAPE context="HTML"}}
<article class="api-docs" aria-labelledby="api-docs-title">
<h1 id="api-docs-title">{{TITLE}}</h1>
<p class="lead">{{DESCRIPTION}}</p>
<p>Version {{VERSION}}. Machine-readable description: <a href="/api/openapi.json">OpenAPI 3.1 document (JSON)</a>.</p>
<nav aria-labelledby="api-docs-endpoints">
<h2 id="api-docs-endpoints">Endpoints</h2>
<ul>
{{#OPERATION_INDEX}}
<li><a href="#{{ANCHOR}}"><code>{{METHOD}} {{PATH}}</code></a></li>
{{/OPERATION_INDEX}}
</ul>
</nav>
{{#OPERATION}}
<section class="api-operation" id="{{ANCHOR}}" aria-labelledby="{{ANCHOR}}-title">
<h2 id="{{ANCHOR}}-title"><code>{{METHOD}} {{PATH}}</code></h2>
<p>{{SUMMARY}}</p>
{{#DESCRIPTION_SECTION}}
<p>{{DESCRIPTION}}</p>
{{/DESCRIPTION_SECTION}}
{{#AUTH}}
<p><strong>Authentication:</strong> {{SCOPES}}.</p>
{{/AUTH}}
{{#PARAMETERS}}
<table>
<caption>Parameters</caption>
<thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>
{{#PARAMETER}}
<tr><td><code>{{NAME}}</code></td><td>{{IN}}</td><td>{{REQUIRED}}</td><td>{{DESCRIPTION}}</td></tr>
{{/PARAMETER}}
</tbody>
</table>
{{/PARAMETERS}}
{{#REQUEST_BODY}}
<p><strong>Request body:</strong> <code>{{CONTENT_TYPE}}</code>, schema <a href="#schema-{{SCHEMA}}">{{SCHEMA}}</a>.</p>
{{/REQUEST_BODY}}
{{#RESPONSES}}
<table>
<caption>Responses</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead>
<tbody>
{{#RESPONSE}}
<tr><td>{{STATUS}}</td><td>{{DESCRIPTION}}</td></tr>
{{/RESPONSE}}
</tbody>
</table>
{{/RESPONSES}}
</section>
{{/OPERATION}}
<section aria-labelledby="api-docs-schemas">
<h2 id="api-docs-schemas">Schemas</h2>
{{#SCHEMA}}
<section id="schema-{{NAME}}" aria-labelledby="schema-{{NAME}}-title">
<h3 id="schema-{{NAME}}-title">{{NAME}}</h3>
<p>{{DESCRIPTION}}</p>
{{#PROPERTIES}}
<table>
<caption>Properties of {{NAME}}</caption>
<thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>
{{#PROPERTY}}
<tr><td><code>{{NAME}}</code></td><td>{{TYPE}}</td><td>{{REQUIRED}}</td><td>{{DESCRIPTION}}</td></tr>
{{/PROPERTY}}
</tbody>
</table>
{{/PROPERTIES}}
</section>
{{/SCHEMA}}
</section>
</article>
