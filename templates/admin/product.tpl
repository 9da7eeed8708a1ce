{{%AUTOESCAPE context="HTML"}}
<p><a href="{{BACK_URL}}">{{BACK}}</a>{{#STORE_LINK}} · <a href="{{URL}}" lang="{{LANG}}">{{TEXT}}</a>{{/STORE_LINK}}</p>
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
{{#DIFFERENCES}}
<section class="admin-card admin-card--wide" aria-labelledby="stale-title">
<h2 id="stale-title">{{TITLE}}</h2>
<p>{{HINT}}</p>
<ul>
{{#DIFFERENCE}}
<li>{{TEXT}}</li>
{{/DIFFERENCE}}
</ul>
</section>
{{/DIFFERENCES}}
<form method="post" action="{{ACTION}}" class="admin-form" id="product-form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<section class="admin-card admin-card--wide" aria-labelledby="product-general">
<h2 id="product-general">{{GENERAL_TITLE}}</h2>
<div class="admin-fields">
<div class="field">
<label for="f-status">{{STATUS_LABEL}}</label>
<select id="f-status" name="status">
{{#STATUS_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/STATUS_OPTION}}
</select>
</div>
<div class="field">
<label for="f-fulfillment_type">{{FULFILLMENT_LABEL}}</label>
<select id="f-fulfillment_type" name="fulfillment_type">
{{#FULFILLMENT_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/FULFILLMENT_OPTION}}
</select>
</div>
<div class="field">
<label for="f-brand">{{BRAND_LABEL}}</label>
<input id="f-brand" type="text" name="brand" value="{{BRAND}}" maxlength="200">
</div>
<div class="field">
<label for="f-tax_class">{{TAX_CLASS_LABEL}}</label>
<input id="f-tax_class" type="text" name="tax_class" value="{{TAX_CLASS}}" maxlength="32" aria-describedby="f-tax_class-hint">
<p class="field__hint" id="f-tax_class-hint">{{TAX_CLASS_HINT}}</p>
</div>
<div class="field">
<label for="f-weight_grams">{{WEIGHT_LABEL}}</label>
<input id="f-weight_grams" type="text" inputmode="numeric" name="weight_grams" value="{{WEIGHT}}" maxlength="9">
</div>
<div class="field field--check">
<input id="f-featured" type="checkbox" name="featured" value="yes"{{#FEATURED}} checked{{/FEATURED}}>
<label for="f-featured">{{FEATURED_LABEL}}</label>
</div>
</div>
<fieldset class="admin-categories" id="f-category_ids">
<legend>{{CATEGORIES_LABEL}}</legend>
{{#CATEGORY}}
<div class="field field--check admin-depth-{{DEPTH}}">
<input id="category-{{ID}}" type="checkbox" name="category" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}>
<label for="category-{{ID}}">{{NAME}}</label>
</div>
{{/CATEGORY}}
{{#NO_CATEGORY}}<p>{{TEXT}}</p>{{/NO_CATEGORY}}
</fieldset>
<div class="field">
<label for="f-primary_category_id">{{PRIMARY_LABEL}}</label>
<select id="f-primary_category_id" name="primary_category">
{{#PRIMARY_OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/PRIMARY_OPTION}}
</select>
</div>
</section>
<div class="admin-locales">
{{#LOCALE}}
<section class="admin-card" aria-labelledby="text-{{CODE}}" lang="{{LANG}}">
<h2 id="text-{{CODE}}">{{TITLE}}</h2>
<div class="field">
<label for="f-text-{{CODE}}-name">{{NAME_LABEL}}</label>
<input id="f-text-{{CODE}}-name" type="text" name="{{CODE}}_name" value="{{NAME}}" maxlength="200" required>
</div>
<div class="field">
<label for="f-text-{{CODE}}-slug">{{SLUG_LABEL}}</label>
<input id="f-text-{{CODE}}-slug" type="text" name="{{CODE}}_slug" value="{{SLUG}}" maxlength="200" aria-describedby="f-text-{{CODE}}-slug-hint" data-slug-preview="slug-preview-{{CODE}}">
<p class="field__hint" id="f-text-{{CODE}}-slug-hint">{{SLUG_HINT}} <span class="slug-preview" id="slug-preview-{{CODE}}">{{SLUG_URL}}</span></p>
</div>
<div class="field">
<label for="f-text-{{CODE}}-short_description">{{SHORT_LABEL}}</label>
<textarea id="f-text-{{CODE}}-short_description" name="{{CODE}}_short_description" rows="3" maxlength="1000">{{SHORT:pre_escape}}</textarea>
</div>
<div class="field">
<label for="f-text-{{CODE}}-description">{{DESCRIPTION_LABEL}}</label>
<textarea id="f-text-{{CODE}}-description" name="{{CODE}}_description" rows="8" maxlength="20000">{{DESCRIPTION:pre_escape}}</textarea>
</div>
<div class="field">
<label for="f-text-{{CODE}}-meta_title">{{META_TITLE_LABEL}}</label>
<input id="f-text-{{CODE}}-meta_title" type="text" name="{{CODE}}_meta_title" value="{{META_TITLE}}" maxlength="200">
</div>
<div class="field">
<label for="f-text-{{CODE}}-meta_description">{{META_DESCRIPTION_LABEL}}</label>
<textarea id="f-text-{{CODE}}-meta_description" name="{{CODE}}_meta_description" rows="2" maxlength="500">{{META_DESCRIPTION:pre_escape}}</textarea>
</div>
</section>
{{/LOCALE}}
</div>
{{#CAN_WRITE}}<p><button type="submit" class="button">{{SAVE}}</button></p>{{/CAN_WRITE}}
</form>
<section class="admin-card admin-card--wide" aria-labelledby="product-variants">
<h2 id="product-variants">{{VARIANTS_TITLE}}</h2>
{{#VARIANT}}
<form method="post" action="{{URL}}" class="admin-variant" id="variant-{{ID}}">
<fieldset>
<legend>{{LEGEND}}</legend>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="admin-fields">
<div class="field"><label for="f-variant-{{ID}}-sku">{{SKU_LABEL}}</label><input id="f-variant-{{ID}}-sku" type="text" name="sku" value="{{SKU}}" maxlength="64" required></div>
<div class="field"><label for="f-variant-{{ID}}-gtin">{{GTIN_LABEL}}</label><input id="f-variant-{{ID}}-gtin" type="text" inputmode="numeric" name="gtin" value="{{GTIN}}" maxlength="20" aria-describedby="h-variant-{{ID}}-gtin"><p class="field__hint" id="h-variant-{{ID}}-gtin">{{GTIN_HINT}}</p></div>
<div class="field"><label for="f-variant-{{ID}}-price_cents">{{PRICE_LABEL}}</label><input id="f-variant-{{ID}}-price_cents" type="text" inputmode="decimal" name="price" value="{{PRICE}}" maxlength="16" required></div>
<div class="field"><label for="f-variant-{{ID}}-compare_at_cents">{{COMPARE_LABEL}}</label><input id="f-variant-{{ID}}-compare_at_cents" type="text" inputmode="decimal" name="compare_at" value="{{COMPARE}}" maxlength="16"></div>
<div class="field"><label for="f-variant-{{ID}}-stock_on_hand">{{STOCK_LABEL}}</label><input id="f-variant-{{ID}}-stock_on_hand" type="text" inputmode="numeric" name="stock" value="{{STOCK}}" maxlength="10"></div>
<div class="field field--check"><input id="f-variant-{{ID}}-track_inventory" type="checkbox" name="track_inventory" value="yes"{{#TRACKED}} checked{{/TRACKED}}><label for="f-variant-{{ID}}-track_inventory">{{TRACK_LABEL}}</label></div>
</div>
{{#OPTIONS}}<p class="field__hint">{{TEXT}}</p>{{/OPTIONS}}
{{#CAN_WRITE}}
<div class="admin-variant__buttons">
<button type="submit" class="button" name="action" value="save">{{SAVE}}</button>
{{#DELETE}}
<span class="field field--check"><input id="variant-{{ID}}-confirm" type="checkbox" name="confirm" value="yes"><label for="variant-{{ID}}-confirm">{{CONFIRM_LABEL}}</label></span>
{{#CODE}}<span class="field"><label for="variant-{{ID}}-code">{{LABEL}}</label><input id="variant-{{ID}}-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20"></span>{{/CODE}}
<button type="submit" class="button button--danger" name="action" value="delete">{{DELETE_TEXT}}</button>
{{/DELETE}}
</div>
{{/CAN_WRITE}}
</fieldset>
</form>
{{/VARIANT}}
{{#NEW_VARIANT}}
<form method="post" action="{{URL}}" class="admin-variant" id="new-variant">
<fieldset>
<legend>{{LEGEND}}</legend>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="admin-fields">
<div class="field"><label for="f-new-variant-sku">{{SKU_LABEL}}</label><input id="f-new-variant-sku" type="text" name="sku" value="{{SKU}}" maxlength="64" required></div>
<div class="field"><label for="f-new-variant-gtin">{{GTIN_LABEL}}</label><input id="f-new-variant-gtin" type="text" inputmode="numeric" name="gtin" value="{{GTIN}}" maxlength="20"></div>
<div class="field"><label for="f-new-variant-price_cents">{{PRICE_LABEL}}</label><input id="f-new-variant-price_cents" type="text" inputmode="decimal" name="price" value="{{PRICE}}" maxlength="16" required></div>
<div class="field"><label for="f-new-variant-stock_on_hand">{{STOCK_LABEL}}</label><input id="f-new-variant-stock_on_hand" type="text" inputmode="numeric" name="stock" value="{{STOCK}}" maxlength="10"></div>
</div>
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/NEW_VARIANT}}
</section>
<section class="admin-card admin-card--wide" aria-labelledby="product-images">
<h2 id="product-images">{{IMAGES_TITLE}}</h2>
{{#NO_IMAGE}}<p>{{TEXT}}</p>{{/NO_IMAGE}}
<ol class="admin-images">
{{#IMAGE}}
<li id="image-{{ID}}">
<img src="{{SRC}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}" loading="lazy">
{{#CAN_WRITE}}
<form method="post" action="{{URL}}" class="admin-image" id="image-form-{{ID}}">
<fieldset>
<legend>{{LEGEND}}</legend>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="field"><label for="f-image-{{ID}}-alt-fr">{{ALT_FR_LABEL}}</label><input id="f-image-{{ID}}-alt-fr" type="text" name="alt_fr" value="{{ALT_FR}}" maxlength="300" lang="fr"></div>
<div class="field"><label for="f-image-{{ID}}-alt-en">{{ALT_EN_LABEL}}</label><input id="f-image-{{ID}}-alt-en" type="text" name="alt_en" value="{{ALT_EN}}" maxlength="300" lang="en"></div>
<div class="admin-image__buttons">
<button type="submit" class="button" name="action" value="save">{{SAVE}}</button>
{{#UP}}<button type="submit" class="button button--secondary" name="action" value="up">{{TEXT}}</button>{{/UP}}
{{#DOWN}}<button type="submit" class="button button--secondary" name="action" value="down">{{TEXT}}</button>{{/DOWN}}
</div>
<div class="admin-image__buttons">
<span class="field field--check"><input id="image-{{ID}}-confirm" type="checkbox" name="confirm" value="yes"><label for="image-{{ID}}-confirm">{{CONFIRM_LABEL}}</label></span>
{{#CODE}}<span class="field"><label for="image-{{ID}}-code">{{LABEL}}</label><input id="image-{{ID}}-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20"></span>{{/CODE}}
<button type="submit" class="button button--danger" name="action" value="delete">{{DELETE_TEXT}}</button>
</div>
</fieldset>
</form>
{{/CAN_WRITE}}
</li>
{{/IMAGE}}
</ol>
{{#UPLOAD}}
<form method="post" action="{{URL}}" enctype="multipart/form-data" class="admin-upload" id="upload">
<fieldset>
<legend>{{LEGEND}}</legend>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="field"><label for="f-file">{{FILE_LABEL}}</label><input id="f-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" required aria-describedby="f-file-hint"><p class="field__hint" id="f-file-hint">{{FILE_HINT}}</p></div>
<div class="field"><label for="f-alt_fr">{{ALT_FR_LABEL}}</label><input id="f-alt_fr" type="text" name="alt_fr" value="{{ALT_FR}}" maxlength="300" lang="fr"></div>
<div class="field"><label for="f-alt_en">{{ALT_EN_LABEL}}</label><input id="f-alt_en" type="text" name="alt_en" value="{{ALT_EN}}" maxlength="300" lang="en"></div>
<button type="submit" class="button">{{SUBMIT}}</button>
</fieldset>
</form>
{{/UPLOAD}}
</section>
{{#DELETE_PRODUCT}}
<section class="admin-card admin-card--wide" aria-labelledby="product-delete">
<h2 id="product-delete">{{TITLE}}</h2>
<form method="post" action="{{URL}}" class="admin-action admin-action--danger" id="delete">
<fieldset>
<legend>{{TITLE}}</legend>
<p class="field__hint">{{HINT}}</p>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<div class="field field--check"><input id="delete-confirm" type="checkbox" name="confirm" value="yes"><label for="delete-confirm">{{CONFIRM_LABEL}}</label></div>
{{#CODE}}<div class="field"><label for="delete-code">{{LABEL}}</label><input id="delete-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" aria-describedby="delete-code-hint"><p class="field__hint" id="delete-code-hint">{{HINT}}</p></div>{{/CODE}}
<button type="submit" class="button button--danger">{{SUBMIT}}</button>
</fieldset>
</form>
</section>
{{/DELETE_PRODUCT}}
