{{%AUTOESCAPE context="HTML"}}
{{#SELECT}}
<div class="field{{#INVALID}} field--invalid{{/INVALID}}">
<label for="{{ID}}">{{LABEL}}</label>
{{#HINT}}
<p class="field__hint" id="{{ID}}-hint">{{TEXT}}</p>
{{/HINT}}
{{#INVALID}}
<p class="field__error" id="{{ID}}-error"><span class="visually-hidden">{{ERROR_PREFIX}}</span> {{ERROR}}</p>
{{/INVALID}}
<select id="{{ID}}" name="{{NAME}}" autocomplete="{{AUTOCOMPLETE}}"{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>
{{#OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/OPTION}}
</select>
</div>
{{/SELECT}}
{{#CHECKBOX}}
<div class="field field--check">
<input id="{{ID}}" name="{{NAME}}" type="checkbox" value="1"{{#CHECKED}} checked{{/CHECKED}}>
<label for="{{ID}}">{{LABEL}}</label>
</div>
{{/CHECKBOX}}
{{#INPUT}}
<div class="field{{#INVALID}} field--invalid{{/INVALID}}">
<label for="{{ID}}">{{LABEL}}</label>
{{#HINT}}
<p class="field__hint" id="{{ID}}-hint">{{TEXT}}</p>
{{/HINT}}
{{#INVALID}}
<p class="field__error" id="{{ID}}-error"><span class="visually-hidden">{{ERROR_PREFIX}}</span> {{ERROR}}</p>
{{/INVALID}}
<input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}" autocomplete="{{AUTOCOMPLETE}}"{{#INPUTMODE}} inputmode="{{MODE}}"{{/INPUTMODE}}{{#REQUIRED}} required aria-required="true"{{/REQUIRED}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>
</div>
{{/INPUT}}
