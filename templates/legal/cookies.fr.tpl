{{%AUTOESCAPE context="HTML"}}
<p>Un témoin (« cookie ») est un petit fichier qu’un site enregistre dans votre navigateur pour le reconnaître d’une page à l’autre. Cette politique décrit les témoins que la boutique {{SHOP_NAME}} utilise, pourquoi, combien de temps ils durent et comment modifier votre choix.</p>

<h2>1. Les catégories de témoins</h2>
<h3>Nécessaires</h3>
<p>Ces témoins sont indispensables au fonctionnement du site : sans eux, vous ne pourriez ni garder un panier, ni vous connecter, ni envoyer un formulaire en toute sécurité. Ils ne servent à rien d’autre et ne demandent pas votre consentement. Ils ne peuvent pas être désactivés depuis le site, mais vous pouvez les effacer dans votre navigateur (voir plus bas).</p>
<h3>Mesure d’audience</h3>
{{#ANALYTICS_NONE}}
<p>La boutique ne mesure pas son audience : elle ne dépose aucun témoin de cette catégorie et ne charge aucun service de statistiques.</p>
{{/ANALYTICS_NONE}}
{{#ANALYTICS_GA4}}
<p>Ces témoins nous aident à comprendre comment les pages sont consultées et quels achats sont faits, afin d’améliorer la boutique ; nous utilisons Google Analytics. Ils ne sont déposés <strong>qu’après votre consentement</strong> : tant que vous ne les avez pas acceptés, aucun n’est enregistré et le service n’est pas chargé. Les refuser ne change rien à l’utilisation du site. Ils ne servent jamais à de la publicité ciblée.</p>
{{/ANALYTICS_GA4}}
{{#ANALYTICS_PLAUSIBLE}}
<p>La boutique compte ses visites et ses achats avec Plausible, un service de mesure d’audience qui ne dépose aucun témoin et ne conserve ni votre adresse IP ni aucun identifiant : les statistiques sont anonymes et agrégées. Vous pouvez choisir de ne pas être compté.</p>
{{/ANALYTICS_PLAUSIBLE}}

<h2>2. Les témoins que le site dépose</h2>
<div class="legal__table-wrap">
<table>
<caption class="visually-hidden">Témoins déposés par le site</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Catégorie</th><th scope="col">À quoi il sert</th><th scope="col">Durée</th></tr></thead>
<tbody>
<tr><td><code>__Host-comptoir_session</code></td><td>Nécessaire</td><td>Identifie votre session : il retient votre panier, vous garde connecté et protège les formulaires contre la falsification de requêtes (le jeton de protection de chaque formulaire en est dérivé). Il n’est déposé que lorsque vous utilisez le panier, la commande{{#ANALYTICS_CHOICE}}, le choix de mesure d’audience{{/ANALYTICS_CHOICE}} ou les pages de votre compte.</td><td>30 jours au plus ; il cesse de fonctionner après 7 jours sans visite. Pour le personnel de la boutique : 12 heures, et 30 minutes sans activité.</td></tr>
<tr><td><code>comptoir_cart_count</code></td><td>Nécessaire</td><td>Le nombre d’articles de votre panier, pour l’afficher en haut de chaque page ; il ne contient rien d’autre.</td><td>30 jours ; effacé dès que le panier est vide.</td></tr>
{{#ANALYTICS_CHOICE}}
<tr><td><code>comptoir_consent</code></td><td>Nécessaire</td><td>Retient votre choix de mesure d’audience, pour ne pas vous le redemander à chaque page.</td><td>6 mois.</td></tr>
{{/ANALYTICS_CHOICE}}
{{#ANALYTICS_GA4}}
<tr><td><code>_ga</code>, <code>_ga_*</code></td><td>Mesure d’audience</td><td>Déposés par Google Analytics, seulement après votre consentement : ils distinguent les visiteurs d’une visite à l’autre, sans vous identifier.</td><td>13 mois.</td></tr>
{{/ANALYTICS_GA4}}
</tbody>
</table>
</div>
<p>Le témoin de session n’est lisible que par notre site, ne circule que sur une connexion chiffrée et n’est pas accessible aux scripts de la page. La langue que vous choisissez figure dans l’adresse des pages (<code>/fr/</code> ou <code>/en/</code>) : aucun témoin ne la retient.</p>
{{#CARD_PAYMENTS}}
<p>Lorsque vous payez, vous quittez la boutique pour la page de paiement de Stripe, qui dépose ses propres témoins, nécessaires à la sécurité du paiement et à la prévention de la fraude ; la politique de Stripe les décrit.</p>
{{/CARD_PAYMENTS}}

<h2>3. Modifier votre choix ou retirer votre consentement</h2>
{{#ANALYTICS_CHOICE}}
<p>Vous pouvez changer d’avis à tout moment, aussi facilement que vous avez donné votre choix : ci-dessous, ou par le lien « Préférences de témoins » au bas de chaque page.</p>
{{/ANALYTICS_CHOICE}}
{{#ANALYTICS_GA4}}
<p>Si vous retirez votre consentement, les témoins de mesure d’audience ne sont plus déposés et ceux qui l’avaient été sont supprimés.</p>
{{/ANALYTICS_GA4}}
{{#ANALYTICS_NONE}}
<p>La boutique ne dépose que des témoins nécessaires : vous n’avez aucun choix à faire. Si elle mesure un jour son audience, elle vous demandera d’abord votre avis et vous pourrez changer d’avis à tout moment depuis cette page.</p>
{{/ANALYTICS_NONE}}
<p>Vous pouvez aussi effacer les témoins ou les bloquer dans les réglages de votre navigateur. Si vous effacez le témoin de session, votre panier est vidé et vous êtes déconnecté ; si vous le bloquez, vous ne pourrez pas passer commande.</p>

<h2>4. Pour en savoir plus</h2>
<p>Notre <a href="{{PRIVACY_URL}}">politique de confidentialité</a> explique comment nous traitons vos renseignements personnels et comment exercer vos droits.{{#HAS_PRIVACY_EMAIL}} Pour toute question, écrivez à <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>.{{/HAS_PRIVACY_EMAIL}}</p>
