{{%AUTOESCAPE context="HTML"}}
<div class="admin-grid">
{{#ORDERS_SECTION}}
<section class="admin-card admin-card--wide" aria-labelledby="sales-heading">
<h2 id="sales-heading">{{SALES_TITLE}}</h2>
<table class="admin-table">
<thead><tr><th scope="col">{{PERIOD_HEAD}}</th><th scope="col">{{NET_HEAD}}</th><th scope="col">{{ORDERS_HEAD}}</th><th scope="col">{{BASKET_HEAD}}</th></tr></thead>
<tbody>
{{#SALES_ROW}}
{{#CURRENCY}}
<tr><th scope="row">{{PERIOD}}</th><td class="num">{{NET}}</td><td class="num">{{ORDERS}}</td><td class="num">{{BASKET}}</td></tr>
{{/CURRENCY}}
{{/SALES_ROW}}
</tbody>
</table>
<h3>{{CHART_TITLE}}</h3>
<figure class="chart-figure">
{{CHART_SVG:none}}
</figure>
<details class="chart-data">
<summary>{{CHART_TITLE}}</summary>
<table class="admin-table">
<thead><tr><th scope="col">{{DAY_HEAD}}</th><th scope="col">{{ORDERS_HEAD}}</th><th scope="col">{{NET_HEAD}}</th></tr></thead>
<tbody>
{{#DAY_ROW}}
<tr><th scope="row">{{DAY}}</th><td class="num">{{ORDERS}}</td><td class="num">{{NET}}</td></tr>
{{/DAY_ROW}}
{{#NO_DAYS}}
<tr><td colspan="3">{{NO_DAYS_TEXT}}</td></tr>
{{/NO_DAYS}}
</tbody>
</table>
</details>
</section>
<section class="admin-card" aria-labelledby="status-heading">
<h2 id="status-heading">{{STATUS_TITLE}}</h2>
<ul class="admin-counts">
{{#STATUS_ITEM}}
<li><a href="{{URL}}">{{TEXT}} <span class="admin-counts__n">{{COUNT}}</span></a></li>
{{/STATUS_ITEM}}
</ul>
<p>{{NO_ORDERS}}</p>
</section>
<section class="admin-card" aria-labelledby="top-heading">
<h2 id="top-heading">{{TOP_TITLE}}</h2>
<table class="admin-table">
<thead><tr><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{UNITS_HEAD}}</th><th scope="col">{{REVENUE_HEAD}}</th></tr></thead>
<tbody>
{{#TOP_ROW}}
<tr><td>{{NAME}}</td><td class="num">{{UNITS}}</td><td class="num">{{REVENUE}}</td></tr>
{{/TOP_ROW}}
{{#NO_TOP}}
<tr><td colspan="3">{{NO_TOP_TEXT}}</td></tr>
{{/NO_TOP}}
</tbody>
</table>
</section>
<section class="admin-card" aria-labelledby="health-heading">
<h2 id="health-heading">{{HEALTH_TITLE}}</h2>
<dl class="facts">
<dt>{{OUTBOX_LABEL}}</dt><dd id="outbox-failing">{{OUTBOX_FAILING}}</dd>
<dt>{{OUTBOX_WAITING_LABEL}}</dt><dd>{{OUTBOX_WAITING}}</dd>
{{#OUTBOX_ERROR}}
<dt>{{LABEL}}</dt><dd>{{TEXT}}</dd>
{{/OUTBOX_ERROR}}
<dt>{{REFUSED_LABEL}}</dt><dd id="payments-refused">{{REFUSED}}</dd>
<dt>{{WAITING_LABEL}}</dt><dd>{{WAITING}}</dd>
</dl>
<ul>
{{#REFUSED_EVENT}}
<li><code>{{ID}}</code> {{TYPE}}: {{REASON}} ({{WHEN}})</li>
{{/REFUSED_EVENT}}
</ul>
</section>
{{/ORDERS_SECTION}}
{{#STOCK_SECTION}}
<section class="admin-card" aria-labelledby="stock-heading">
<h2 id="stock-heading">{{STOCK_TITLE}}</h2>
<p>{{THRESHOLD}}</p>
<table class="admin-table">
<thead><tr><th scope="col">{{SKU_HEAD}}</th><th scope="col">{{PRODUCT_HEAD}}</th><th scope="col">{{STOCK_HEAD}}</th></tr></thead>
<tbody>
{{#STOCK_ROW}}
<tr><td><code>{{SKU}}</code></td><td>{{NAME}}</td><td class="num">{{STOCK}}</td></tr>
{{/STOCK_ROW}}
</tbody>
</table>
<p>{{NO_STOCK}}</p>
</section>
{{/STOCK_SECTION}}
{{#BACKUP_SECTION}}
<section class="admin-card" aria-labelledby="backup-heading">
<h2 id="backup-heading">{{BACKUP_LABEL}}</h2>
<p id="last-backup">{{BACKUP}}</p>
</section>
{{/BACKUP_SECTION}}
</div>
