{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a></p>
{{#FIELD_ERRORS}}
<div class="error-summary" aria-labelledby="field-errors-title">
<h2 id="field-errors-title">{{TITLE}}</h2>
<ul>
{{#FIELD_ERROR}}
<li><a href="#{{FIELD}}">{{TEXT}}</a></li>
{{/FIELD_ERROR}}
</ul>
</div>
{{/FIELD_ERRORS}}
<form method="post" action="{{ACTION}}" class="admin-form" id="new-product">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<section class="admin-card admin-card--wide" aria-labelledby="new-product-title">
<h2 id="new-product-title">{{LEGEND}}</h2>
<p class="field__hint">{{HINT}}</p>
<div class="admin-fields">
<div class="field" lang="fr"><label for="f-text-fr-name">{{NAME_FR_LABEL}}</label><input id="f-text-fr-name" type="text" name="fr_name" value="{{NAME_FR}}" maxlength="200" required></div>
<div class="field" lang="en"><label for="f-text-en-name">{{NAME_EN_LABEL}}</label><input id="f-text-en-name" type="text" name="en_name" value="{{NAME_EN}}" maxlength="200" required></div>
<div class="field"><label for="f-variants-0-sku">{{SKU_LABEL}}</label><input id="f-variants-0-sku" type="text" name="sku" value="{{SKU}}" maxlength="64" required></div>
<div class="field"><label for="f-variants-0-gtin">{{GTIN_LABEL}}</label><input id="f-variants-0-gtin" type="text" inputmode="numeric" name="gtin" value="{{GTIN}}" maxlength="20"></div>
<div class="field"><label for="f-variants-0-price_cents">{{PRICE_LABEL}}</label><input id="f-variants-0-price_cents" type="text" inputmode="decimal" name="price" value="{{PRICE}}" maxlength="16" required></div>
<div class="field"><label for="f-variants-0-stock_on_hand">{{STOCK_LABEL}}</label><input id="f-variants-0-stock_on_hand" type="text" inputmode="numeric" name="stock" value="{{STOCK}}" maxlength="10"></div>
</div>
<p><button type="submit" class="button">{{SUBMIT}}</button></p>
</section>
</form>
