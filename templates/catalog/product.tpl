{{%AUTOESCAPE context="HTML"}}
{{>BREADCRUMBS}}
<article class="product" aria-labelledby="product-name">
<div class="product__gallery">
{{#MAIN_IMAGE}}
<img class="product__image" src="{{SRC}}"{{#SRCSET_SECTION}} srcset="{{SRCSET}}" sizes="{{SIZES}}"{{/SRCSET_SECTION}} width="{{WIDTH}}" height="{{HEIGHT}}" alt="{{ALT}}" loading="eager" fetchpriority="high">
{{/MAIN_IMAGE}}
{{#THUMBNAILS}}
<ul class="product__thumbnails">
{{#THUMBNAIL}}
<li><img src="{{SRC}}"{{#SRCSET_SECTION}} srcset="{{SRCSET}}" sizes="{{SIZES}}"{{/SRCSET_SECTION}} width="{{WIDTH}}" height="{{HEIGHT}}" alt="{{ALT}}" loading="lazy" decoding="async"></li>
{{/THUMBNAIL}}
</ul>
{{/THUMBNAILS}}
</div>
<div class="product__summary">
<h1 id="product-name">{{NAME}}</h1>
{{#BRAND_SECTION}}
<p class="product__brand">{{BRAND}}</p>
{{/BRAND_SECTION}}
{{>PRICE}}
<p class="stock stock--{{STOCK_STATE}}">{{STOCK}}</p>
{{#SHORT_SECTION}}
<p class="lead">{{SHORT_DESCRIPTION}}</p>
{{/SHORT_SECTION}}
<form class="add-to-cart" action="{{CART_URL}}" method="post" data-analytics-item data-item-id="{{ITEM_ID}}" data-item-name="{{NAME}}" data-item-price="{{ITEM_PRICE}}" data-currency="{{ITEM_CURRENCY}}">
<input type="hidden" name="product_id" value="{{PRODUCT_ID}}">
{{#CHOICE}}
<fieldset class="variant-choice">
<legend>{{LEGEND}}</legend>
{{#VARIANT}}
<div class="variant-choice__option">
<input type="radio" name="variant_id" id="{{INPUT_ID}}" value="{{ID}}" data-item-id="{{ITEM_ID}}" data-item-price="{{ITEM_PRICE}}" data-item-variant="{{LABEL}}"{{#CHECKED}} checked{{/CHECKED}}{{#UNAVAILABLE}} disabled{{/UNAVAILABLE}}>
<label for="{{INPUT_ID}}"><span class="variant-choice__label">{{LABEL}}</span> <span class="variant-choice__price">{{#ON_SALE}}<span class="visually-hidden">{{NOW_LABEL}}</span> {{/ON_SALE}}{{PRICE}}{{#ON_SALE}} <s><span class="visually-hidden">{{WAS_LABEL}}</span> {{WAS}}</s>{{/ON_SALE}}</span> <span class="variant-choice__stock stock--{{STOCK_STATE}}">{{STOCK}}</span></label>
</div>
{{/VARIANT}}
</fieldset>
{{/CHOICE}}
{{#SINGLE}}
<input type="hidden" name="variant_id" value="{{ID}}">
{{/SINGLE}}
<div class="field field--quantity">
<label for="quantity">{{QUANTITY_LABEL}}</label>
<input id="quantity" name="quantity" type="number" min="1" max="99" value="1" inputmode="numeric">
</div>
<button class="button" type="submit"{{#SOLD_OUT}} disabled{{/SOLD_OUT}}>{{ADD_LABEL}}</button>
</form>
{{#SKU_SECTION}}
<p class="product__sku">{{SKU_LABEL}} {{SKU}}</p>
{{/SKU_SECTION}}
</div>
{{#DESCRIPTION_SECTION}}
<section class="product__description" aria-labelledby="description-heading">
<h2 id="description-heading">{{DESCRIPTION_HEADING}}</h2>
{{#PARAGRAPH}}
<p>{{TEXT}}</p>
{{/PARAGRAPH}}
</section>
{{/DESCRIPTION_SECTION}}
</article>
