{{%AUTOESCAPE context="HTML"}}
<section class="cart" aria-labelledby="cart-heading">
<h1 id="cart-heading">{{HEADING}}</h1>
{{#NOTICE}}
<p class="notice" role="status">{{TEXT}}</p>
{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" tabindex="-1">
<p>{{TEXT}}</p>
</div>
{{/ERROR}}
{{#EMPTY}}
<p>{{TEXT}}</p>
<p><a class="button" href="{{PRODUCTS_URL}}">{{BROWSE}}</a></p>
{{/EMPTY}}
{{#FULL}}
<table class="cart-lines">
<caption class="visually-hidden">{{CAPTION}}</caption>
<thead>
<tr>
<th scope="col">{{PRODUCT_LABEL}}</th>
<th scope="col">{{PRICE_LABEL}}</th>
<th scope="col">{{QUANTITY_LABEL}}</th>
<th scope="col">{{LINE_TOTAL_LABEL}}</th>
</tr>
</thead>
<tbody>
{{#LINE}}
<tr>
<td>{{#LINKED}}<a href="{{URL}}">{{NAME}}</a>{{/LINKED}}{{#UNLINKED}}{{NAME}}{{/UNLINKED}}{{#VARIANT}}<br><span class="cart-lines__variant">{{LABEL}}</span>{{/VARIANT}}{{#PROBLEM}}<br><strong class="cart-lines__problem">{{TEXT}}</strong>{{/PROBLEM}}</td>
<td>{{PRICE}}</td>
<td>
<form method="post" action="{{UPDATE_URL}}" class="cart-lines__quantity">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="quantity-{{ID}}" class="visually-hidden">{{QUANTITY_FOR}}</label>
<input id="quantity-{{ID}}" name="quantity" type="number" min="0" max="99" value="{{QUANTITY}}" inputmode="numeric">
<button type="submit">{{UPDATE}}<span class="visually-hidden"> {{ITEM_NAME}}</span></button>
</form>
<form method="post" action="{{UPDATE_URL}}" class="cart-lines__remove">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="quantity" value="0">
<button type="submit" class="button--secondary">{{REMOVE}}<span class="visually-hidden"> {{ITEM_NAME}}</span></button>
</form>
</td>
<td>{{LINE_TOTAL}}</td>
</tr>
{{/LINE}}
</tbody>
</table>
<form method="post" action="{{REGION_URL}}" class="cart-region">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="region">{{REGION_LABEL}}</label>
<select id="region" name="region">
{{#REGION}}
<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/REGION}}
</select>
<button type="submit">{{REGION_BUTTON}}</button>
</form>
<dl class="cart-totals">
<dt>{{SUBTOTAL_LABEL}}</dt>
<dd>{{SUBTOTAL}}</dd>
{{#DISCOUNT}}
<dt>{{LABEL}}</dt>
<dd>−{{AMOUNT}}</dd>
{{/DISCOUNT}}
<dt>{{SHIPPING_LABEL}}</dt>
<dd>{{SHIPPING}}</dd>
{{#TAX}}
<dt>{{NAME}}</dt>
<dd>{{AMOUNT}}</dd>
{{/TAX}}
<dt class="cart-totals__total">{{TOTAL_LABEL}}</dt>
<dd class="cart-totals__total">{{TOTAL}}</dd>
</dl>
{{#TAX_INCLUDED}}
<p class="cart-totals__note">{{TEXT}}</p>
{{/TAX_INCLUDED}}
<p><a class="button" href="{{CHECKOUT_URL}}">{{CHECKOUT}}</a></p>
{{/FULL}}
</section>
