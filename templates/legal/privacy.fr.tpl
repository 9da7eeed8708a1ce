{{%AUTOESCAPE context="HTML"}}
<p>La présente politique explique quels renseignements personnels {{LEGAL_NAME}} recueille lorsque vous visitez la boutique {{SHOP_NAME}} ({{SITE_URL}}) et y passez commande, pourquoi, combien de temps nous les gardons, à qui nous les communiquons et comment exercer vos droits. Elle répond aux exigences de la Loi sur la protection des renseignements personnels dans le secteur privé du Québec (modifiée par la Loi 25) et, pour les personnes qui se trouvent dans l’Union européenne, du Règlement général sur la protection des données (RGPD).</p>

<h2>1. Qui est responsable de vos renseignements</h2>
<p>Vos renseignements sont traités par {{LEGAL_NAME}}{{#HAS_ADDRESS}}, dont l’adresse est : {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}{{/HAS_ADDRESS}}. Au sens du RGPD, {{LEGAL_NAME}} est le responsable du traitement.</p>
{{#PRIVACY_OFFICER_NAMED}}
<p>La personne responsable de la protection des renseignements personnels est : {{PRIVACY_OFFICER}}. Elle veille au respect de la présente politique, répond à vos demandes et traite les incidents de confidentialité. Elle est aussi votre point de contact pour toute question relative au RGPD.</p>
{{/PRIVACY_OFFICER_NAMED}}
{{#PRIVACY_OFFICER_DEFAULT}}
<p>Comme le prévoit la loi québécoise, la personne ayant la plus haute autorité au sein de {{LEGAL_NAME}} exerce la fonction de responsable de la protection des renseignements personnels. Elle veille au respect de la présente politique, répond à vos demandes et traite les incidents de confidentialité. Elle est aussi votre point de contact pour toute question relative au RGPD.</p>
{{/PRIVACY_OFFICER_DEFAULT}}
{{#HAS_PRIVACY_EMAIL}}
<p>Pour la joindre, écrivez à <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>{{#HAS_ADDRESS}} ou par la poste à l’adresse ci-dessus{{/HAS_ADDRESS}}.</p>
{{/HAS_PRIVACY_EMAIL}}

<h2>2. Les renseignements que nous recueillons</h2>
<ul>
<li><strong>Votre compte</strong>, si vous en créez un : votre adresse courriel, votre mot de passe (que nous ne conservons que sous une forme hachée, illisible même pour nous) et, si vous l’activez, le secret de votre second facteur d’authentification.</li>
<li><strong>Vos adresses</strong> de livraison : nom, adresse postale et, si vous le donnez, numéro de téléphone. Elles sont chiffrées dans notre base de données.</li>
<li><strong>Vos commandes</strong> : les articles, les montants, les taxes, l’adresse de livraison, l’état de la commande, son suivi et vos demandes de retour.</li>
{{#CARD_PAYMENTS}}
<li><strong>Le paiement</strong> : vous payez par carte sur la page sécurisée de notre prestataire de paiement, Stripe. La boutique ne voit jamais votre numéro de carte ; Stripe nous indique seulement si le paiement a réussi et nous transmet une référence de transaction.</li>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<li><strong>Le paiement</strong> : vous payez par virement ou au moment du retrait. Nous enregistrons seulement la date et le montant reçus ; la boutique ne reçoit aucun numéro de carte.</li>
{{/MANUAL_PAYMENTS}}
<li><strong>Un témoin de session</strong>, nécessaire au panier, à la connexion et à la protection des formulaires ; notre <a href="{{COOKIES_URL}}">politique relative aux témoins</a> le décrit en détail.</li>
<li><strong>Des journaux techniques</strong> : l’adresse IP, la date et la page demandée, que nous utilisons pour assurer la sécurité du site et limiter les abus.</li>
<li><strong>La mesure d’audience</strong>, uniquement si vous l’acceptez : des statistiques sur la façon dont les pages sont consultées.</li>
</ul>
<p>Nous ne recueillons que ce qui est nécessaire aux fins décrites ci-dessous. Nous ne vendons pas vos renseignements et ne les utilisons pas pour de la publicité ciblée.</p>

<h2>3. Pourquoi nous les utilisons</h2>
<p>Le tableau indique chaque fin et, pour les personnes visées par le RGPD, la base juridique sur laquelle elle repose.</p>
<div class="legal__table-wrap">
<table>
<caption class="visually-hidden">Fins du traitement et bases juridiques</caption>
<thead><tr><th scope="col">Fin</th><th scope="col">Base juridique (RGPD)</th></tr></thead>
<tbody>
<tr><td>Créer et gérer votre compte</td><td>Exécution du contrat (art. 6.1 b)</td></tr>
<tr><td>Traiter vos commandes, les livrer et gérer les retours et remboursements</td><td>Exécution du contrat (art. 6.1 b)</td></tr>
<tr><td>Encaisser le paiement</td><td>Exécution du contrat (art. 6.1 b)</td></tr>
<tr><td>Vous envoyer les courriels liés à votre compte et à vos commandes</td><td>Exécution du contrat (art. 6.1 b)</td></tr>
<tr><td>Établir les factures et tenir la comptabilité</td><td>Obligation légale (art. 6.1 c)</td></tr>
<tr><td>Protéger le site et nos clients contre la fraude et les abus</td><td>Intérêt légitime (art. 6.1 f)</td></tr>
<tr><td>Mesurer l’audience du site</td><td>Consentement (art. 6.1 a)</td></tr>
</tbody>
</table>
</div>
<p>Nous ne prenons aucune décision fondée exclusivement sur un traitement automatisé de vos renseignements.</p>

<h2>4. Combien de temps nous les gardons</h2>
<ul>
<li>Le compte : tant qu’il est actif. Vous pouvez en demander la suppression à tout moment ; un compte inutilisé depuis trois ans est supprimé.</li>
<li>Les commandes et les factures : le temps exigé par les lois fiscales et comptables, soit six ans après la fin de l’année d’imposition au Québec et dix ans en France. Passé ce délai, elles sont détruites ou rendues anonymes.</li>
<li>Le témoin de session : au plus 30 jours, et il cesse de fonctionner après 7 jours sans visite.</li>
<li>Les journaux techniques : au plus 12 mois.</li>
<li>Les données de mesure d’audience : au plus 13 mois.</li>
</ul>

<h2>5. À qui nous les communiquons</h2>
<p>Seuls les membres de notre personnel qui en ont besoin pour leur travail ont accès à vos renseignements. Nous les communiquons aussi, dans la seule mesure nécessaire, aux prestataires suivants, qui agissent pour notre compte et sont tenus par contrat de les protéger :</p>
<ul>
{{#CARD_PAYMENTS}}
<li>Stripe, pour le paiement par carte ;</li>
{{/CARD_PAYMENTS}}
<li>notre prestataire d’envoi de courriels, pour les messages liés à votre compte et à vos commandes ;</li>
{{#HOST_NAMED}}
<li>{{HOST_NAME}}, qui héberge le site et sa base de données ;</li>
{{/HOST_NAMED}}
{{#HOST_UNNAMED}}
<li>l’hébergeur du site et de sa base de données ;</li>
{{/HOST_UNNAMED}}
<li>le transporteur et, pour certains articles, le fournisseur qui expédie directement votre colis, qui reçoivent votre nom et votre adresse de livraison ;</li>
<li>le service de mesure d’audience, si nous en utilisons un et seulement si vous l’avez accepté.</li>
</ul>
<p>Nous pouvons aussi devoir communiquer des renseignements lorsque la loi l’exige, par exemple à la demande d’une autorité fiscale.</p>

<h2>6. Communication à l’extérieur du Québec et de l’Union européenne</h2>
<p>Certains de nos prestataires{{#CARD_PAYMENTS}}, dont Stripe,{{/CARD_PAYMENTS}} traitent des renseignements à l’extérieur du Québec, notamment aux États-Unis et dans l’Union européenne. Avant de communiquer des renseignements hors du Québec, nous évaluons, comme l’exige la loi, si ceux-ci y bénéficieront d’une protection adéquate, compte tenu de leur sensibilité, de la fin poursuivie et des mesures de protection prévues par contrat. Pour les personnes visées par le RGPD, les transferts hors de l’Union européenne reposent sur une décision d’adéquation de la Commission européenne (notamment le cadre de protection des données UE–États-Unis) ou sur les clauses contractuelles types qu’elle a adoptées.</p>

<h2>7. Vos droits</h2>
<h3>Au Québec</h3>
<p>Vous pouvez demander à accéder à vos renseignements personnels, à les faire rectifier s’ils sont inexacts, incomplets ou équivoques, et à les recevoir dans un format technologique structuré et couramment utilisé (portabilité), pour vous ou pour la personne que vous désignez. Vous pouvez retirer en tout temps un consentement que vous avez donné, et demander que nous cessions de diffuser un renseignement vous concernant ou que soit désindexé tout hyperlien rattaché à votre nom qui permet d’y accéder, lorsque cette diffusion contrevient à la loi ou vous cause un préjudice.</p>
<p>Si vous n’êtes pas satisfait de notre réponse, vous pouvez porter plainte auprès de la Commission d’accès à l’information du Québec (<a href="https://www.cai.gouv.qc.ca/">www.cai.gouv.qc.ca</a>).</p>
<h3>Dans l’Union européenne</h3>
<p>Vous disposez des droits d’accès, de rectification, d’effacement, de limitation du traitement, d’opposition (notamment au traitement fondé sur notre intérêt légitime) et de portabilité, ainsi que du droit de retirer votre consentement à tout moment, sans que cela remette en cause le traitement effectué avant le retrait. En France, vous pouvez aussi définir des directives sur le sort de vos données après votre décès.</p>
<p>Vous pouvez introduire une réclamation auprès de la Commission nationale de l’informatique et des libertés (CNIL, <a href="https://www.cnil.fr/">www.cnil.fr</a>) ou de l’autorité de protection des données du pays où vous résidez.</p>
<h3>Comment exercer vos droits</h3>
<p>{{#HAS_PRIVACY_EMAIL}}Écrivez à <a href="mailto:{{PRIVACY_EMAIL}}">{{PRIVACY_EMAIL}}</a>. {{/HAS_PRIVACY_EMAIL}}Nous pourrons vous demander de confirmer votre identité avant de répondre. Nous répondons dans les 30 jours suivant la réception de votre demande (dans le mois, pour les demandes fondées sur le RGPD). L’exercice de ces droits est gratuit.</p>

<h2>8. Sécurité et incidents de confidentialité</h2>
<p>Le site n’est accessible qu’en connexion chiffrée (HTTPS). Les mots de passe sont hachés avec l’algorithme Argon2id, les adresses et numéros de téléphone sont chiffrés dans la base de données, et l’accès au back-office exige une authentification à deux facteurs.</p>
<p>Si un incident de confidentialité survient (accès, utilisation ou communication non autorisés, perte de renseignements), nous prenons sans délai les mesures pour réduire le risque de préjudice et éviter qu’un incident semblable se reproduise, et nous l’inscrivons dans notre registre des incidents. Lorsque l’incident présente un risque de préjudice sérieux, nous en avisons la Commission d’accès à l’information et les personnes concernées. Pour les personnes visées par le RGPD, nous avisons la CNIL dans les 72 heures lorsque l’incident présente un risque pour vos droits et libertés, et nous vous en informons directement si ce risque est élevé.</p>

<h2>9. Témoins</h2>
<p>Notre <a href="{{COOKIES_URL}}">politique relative aux témoins</a> décrit les témoins que le site utilise et la façon de modifier votre choix.</p>

<h2>10. Modifications</h2>
<p>Nous pouvons modifier la présente politique ; la date de la version en vigueur figure en haut de cette page. Si un changement touche la façon dont nous utilisons des renseignements déjà recueillis, nous vous en informerons avant qu’il s’applique.</p>
