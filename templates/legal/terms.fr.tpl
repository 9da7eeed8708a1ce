{{%AUTOESCAPE context="HTML"}}
<p>Les présentes conditions de vente régissent les ventes conclues sur la boutique {{SHOP_NAME}} ({{SITE_URL}}) entre {{LEGAL_NAME}} et ses clients. Les coordonnées du vendeur figurent dans les <a href="{{NOTICE_URL}}">mentions légales</a>. En passant commande, vous acceptez les présentes conditions dans la version en vigueur à ce moment ; cette version est enregistrée avec votre commande.</p>

<h2>1. Les produits</h2>
<p>Chaque fiche produit présente les caractéristiques essentielles de l’article. Les produits sont proposés dans la limite des stocks disponibles ; si un article n’est plus disponible, la boutique vous le dit avant que vous ne passiez commande.</p>

<h2>2. Les prix et les taxes</h2>
<p>Les prix sont indiqués en {{CURRENCY}}. Le récapitulatif présenté avant la commande détaille le prix des articles, les frais de livraison, les éventuels frais de traitement et les taxes, ainsi que le total à payer.</p>
<ul>
<li>Pour une livraison au Canada, les taxes de vente (TPS et TVQ, ou TVH selon la province) s’ajoutent au prix affiché ; elles sont calculées selon l’adresse de livraison.</li>
<li>Pour une livraison en France ou dans l’Union européenne, les prix sont indiqués toutes taxes comprises (TVA incluse).</li>
</ul>
{{#HAS_TAX_NUMBERS}}
<p>Numéros d’inscription aux taxes du vendeur :</p>
<ul>
{{#HAS_GST}}<li>TPS/TVH : {{GST_NUMBER}}</li>{{/HAS_GST}}
{{#HAS_QST}}<li>TVQ : {{QST_NUMBER}}</li>{{/HAS_QST}}
{{#HAS_VAT}}<li>TVA intracommunautaire : {{VAT_NUMBER}}</li>{{/HAS_VAT}}
</ul>
{{/HAS_TAX_NUMBERS}}
<p>Le prix facturé est celui qui était affiché au moment de la commande. Si un prix change pendant que vous remplissez le formulaire, la boutique vous présente le nouveau total avant d’accepter la commande.</p>

<h2>3. La commande et la formation du contrat</h2>
<p>Vous ajoutez des articles au panier, indiquez votre adresse courriel et votre adresse de livraison, puis vérifiez le récapitulatif de votre commande et son total. La commande est passée lorsque vous cliquez sur le bouton de commande, qui vous engage à payer. Nous vous envoyons aussitôt une confirmation par courriel.</p>
{{#CARD_PAYMENTS}}
<p>Le contrat est conclu lorsque votre paiement est accepté. Si le paiement n’aboutit pas dans le délai indiqué, la commande est annulée et les articles réservés sont remis en vente.</p>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<p>Le contrat est conclu lorsque la commande est confirmée ; les articles vous sont réservés jusqu’à réception de votre paiement. Une commande qui n’est pas payée dans le délai indiqué dans le courriel de confirmation est annulée.</p>
{{/MANUAL_PAYMENTS}}
<p>Nous conservons un exemplaire de chaque contrat : vous pouvez consulter votre commande à tout moment depuis le lien de votre courriel de confirmation ou depuis votre compte.</p>

<h2>4. Le paiement</h2>
{{#CARD_PAYMENTS}}
<p>Le paiement se fait par carte sur la page sécurisée de notre prestataire de paiement, Stripe. La boutique ne voit ni ne conserve votre numéro de carte. Le montant est prélevé au moment de la commande.</p>
{{/CARD_PAYMENTS}}
{{#MANUAL_PAYMENTS}}
<p>Le paiement se fait par virement bancaire ou au moment du retrait, selon les instructions envoyées dans le courriel de confirmation. La commande est expédiée une fois le paiement reçu.</p>
{{/MANUAL_PAYMENTS}}

<h2>5. La livraison</h2>
<p>Les articles sont livrés à l’adresse que vous indiquez lors de la commande, dans les régions que la boutique dessert. Le délai annoncé court à partir de la réception du paiement. Nous vous envoyons un courriel avec le numéro de suivi lorsque le colis est expédié.</p>
<p>Au Québec, si l’article n’est pas livré dans les 30 jours suivant la date prévue (ou, à défaut de date, suivant la conclusion du contrat), vous pouvez résoudre le contrat. En France, à défaut de date convenue, la livraison intervient au plus tard 30 jours après la conclusion du contrat ; en cas de retard, vous pouvez nous demander de livrer dans un délai supplémentaire raisonnable, puis résoudre le contrat si nous ne le faisons pas. Les risques de perte ou d’endommagement vous sont transférés lorsque vous prenez physiquement possession des articles.</p>

<h2>6. Le droit de rétractation</h2>
<p><strong>Si vous êtes un consommateur résidant dans l’Union européenne</strong>, vous disposez d’un délai de 14 jours pour vous rétracter, sans avoir à donner de motif. Ce délai court à compter du jour où vous, ou un tiers que vous désignez autre que le transporteur, prenez physiquement possession du bien (du dernier bien, si la commande est livrée en plusieurs fois).</p>
<p>Pour exercer ce droit, informez-nous de votre décision par une déclaration dénuée d’ambiguïté{{#HAS_EMAIL}}, par exemple par courriel à <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{#HAS_ADDRESS}} ou par lettre à l’adresse indiquée dans les mentions légales{{/HAS_ADDRESS}}{{/HAS_EMAIL}}{{#NO_EMAIL}}{{#HAS_ADDRESS}}, par exemple par lettre à l’adresse indiquée dans les mentions légales{{/HAS_ADDRESS}}{{/NO_EMAIL}}. Vous pouvez utiliser le modèle de formulaire ci-dessous, sans que ce soit obligatoire. Il suffit que votre message parte avant l’expiration du délai.</p>
<p>Vous devez nous renvoyer les biens sans retard excessif et au plus tard 14 jours après nous avoir communiqué votre décision. Les frais directs de renvoi sont à votre charge. Votre responsabilité n’est engagée qu’à l’égard de la dépréciation des biens résultant de manipulations autres que celles nécessaires pour établir leur nature, leurs caractéristiques et leur bon fonctionnement.</p>
<p>Nous vous remboursons la totalité des sommes versées, frais de livraison initiaux compris (à l’exception des frais supplémentaires si vous avez choisi un mode de livraison plus coûteux que la livraison standard), au plus tard 14 jours après avoir été informés de votre décision. Nous pouvons différer le remboursement jusqu’à la réception des biens ou jusqu’à ce que vous ayez fourni une preuve de leur expédition, la date retenue étant celle du premier de ces faits. Le remboursement se fait par le même moyen de paiement que celui utilisé pour la commande.</p>
<p>Le droit de rétractation ne s’applique pas, notamment, aux biens confectionnés selon vos spécifications ou nettement personnalisés, aux biens susceptibles de se détériorer ou de se périmer rapidement, et aux biens descellés après la livraison qui ne peuvent être renvoyés pour des raisons d’hygiène ou de protection de la santé.</p>
<p><strong>Au Québec</strong>, la Loi sur la protection du consommateur vous permet de résoudre un contrat à distance dans les cas qu’elle prévoit, notamment lorsque le commerçant ne vous a pas fourni les renseignements exigés avant la conclusion du contrat ou que l’article n’est pas livré dans les 30 jours mentionnés plus haut.</p>

<h2>7. Les retours</h2>
{{#RETURNS_ACCEPTED}}
<p>En plus des droits que la loi vous reconnaît, vous pouvez demander le retour d’articles dans les {{RETURN_DAYS}} jours suivant l’expédition de votre commande (ou son paiement, si elle n’a pas encore été expédiée), depuis la page de votre commande. Une fois les articles reçus et vérifiés, nous vous remboursons par le moyen de paiement utilisé.</p>
{{/RETURNS_ACCEPTED}}
{{#RETURNS_NONE}}
<p>En dehors des droits que la loi vous reconnaît (le droit de rétractation ci-dessus et les garanties ci-dessous), la boutique n’accepte pas de retour.</p>
{{/RETURNS_NONE}}

<h2>8. Les garanties légales</h2>
<h3>Au Québec</h3>
<p>La Loi sur la protection du consommateur vous accorde une garantie légale, qui s’applique quoi qu’en dise tout contrat : le bien doit pouvoir servir à l’usage auquel il est normalement destiné, il doit pouvoir servir à un usage normal pendant une durée raisonnable compte tenu de son prix, du contrat et de ses conditions d’utilisation, et il doit être conforme à sa description. Vous pouvez aussi vous prévaloir de la garantie contre les vices cachés prévue par le Code civil du Québec.</p>
<h3>En France</h3>
<blockquote>
<p>Le consommateur dispose d’un délai de deux ans à compter de la délivrance du bien pour obtenir la mise en œuvre de la garantie légale de conformité en cas d’apparition d’un défaut de conformité. Durant ce délai, le consommateur n’est tenu d’établir que l’existence du défaut de conformité et non la date d’apparition de celui-ci.</p>
<p>La garantie légale de conformité emporte obligation pour le professionnel de fournir toutes les mises à jour nécessaires au maintien de la conformité du bien comportant des éléments numériques.</p>
<p>La garantie légale de conformité donne au consommateur droit à la réparation ou au remplacement du bien dans un délai de trente jours suivant sa demande, sans frais et sans inconvénient majeur pour lui. Si le bien est réparé dans le cadre de la garantie légale de conformité, le consommateur bénéficie d’une extension de six mois de la garantie initiale.</p>
<p>Le consommateur peut obtenir une réduction du prix d’achat en conservant le bien ou mettre fin au contrat en se faisant rembourser intégralement contre restitution du bien, si le professionnel refuse de réparer ou de remplacer le bien, si la réparation ou le remplacement du bien a lieu après un délai de trente jours, s’ils occasionnent un inconvénient majeur pour le consommateur, ou si la non-conformité persiste malgré une tentative de mise en conformité restée infructueuse. Il a également droit à une réduction du prix du bien ou à la résolution du contrat lorsque le défaut de conformité est si grave qu’il justifie que la réduction du prix ou la résolution du contrat soit immédiate.</p>
<p>Ces garanties sont prévues aux articles L. 217-1 à L. 217-32 du Code de la consommation. Le consommateur bénéficie en outre de la garantie des vices cachés prévue aux articles 1641 à 1649 du Code civil, pendant un délai de deux ans à compter de la découverte du défaut ; il peut alors choisir entre la résolution de la vente et une réduction du prix.</p>
</blockquote>
<p>Pour faire jouer une garantie, écrivez-nous{{#HAS_EMAIL}} à <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{/HAS_EMAIL}} en indiquant votre numéro de commande.</p>

<h2>9. Les renseignements personnels</h2>
<p>Notre <a href="{{PRIVACY_URL}}">politique de confidentialité</a> explique comment nous traitons les renseignements que vous nous confiez en passant commande.</p>

<h2>10. Le droit applicable et les litiges</h2>
<p>Pour toute question ou réclamation, écrivez-nous d’abord{{#HAS_EMAIL}} à <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a>{{/HAS_EMAIL}} : nous cherchons toujours une solution amiable.</p>
<p>Si vous résidez au Québec, le contrat est régi par les lois du Québec et vous pouvez vous adresser aux tribunaux de votre lieu de résidence ; l’Office de la protection du consommateur (<a href="https://www.opc.gouv.qc.ca/">www.opc.gouv.qc.ca</a>) peut aussi vous renseigner sur vos recours. Aucune clause ne vous oblige à recourir à l’arbitrage ni ne vous prive d’un recours collectif.</p>
<p>Si vous résidez dans l’Union européenne, le contrat est régi par le droit français, sans que ce choix puisse vous priver de la protection que vous assurent les dispositions impératives du droit du pays où vous résidez.</p>
{{#MEDIATOR_NAMED}}
<p>Si vous êtes un consommateur et que votre réclamation écrite n’a pas abouti, vous pouvez recourir gratuitement au médiateur de la consommation dont nous relevons : {{MEDIATOR_NAME}}{{#HAS_MEDIATOR_URL}} (<a href="{{MEDIATOR_URL}}">{{MEDIATOR_URL}}</a>){{/HAS_MEDIATOR_URL}}, conformément aux articles L. 612-1 et suivants du Code de la consommation.</p>
{{/MEDIATOR_NAMED}}

<h2>Annexe : modèle de formulaire de rétractation</h2>
<p>Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.</p>
<blockquote>
<p>À l’attention de {{LEGAL_NAME}}{{#HAS_ADDRESS}}, {{#ADDRESS}}{{LINE}}{{#ADDRESS_separator}}, {{/ADDRESS_separator}}{{/ADDRESS}}{{/HAS_ADDRESS}}{{#HAS_EMAIL}}, courriel : {{CONTACT_EMAIL}}{{/HAS_EMAIL}} :</p>
<p>Je vous notifie par la présente ma rétractation du contrat portant sur la vente du bien ci-dessous :</p>
<p>Commandé le (*) / reçu le (*) :<br>
Numéro de commande :<br>
Nom du consommateur :<br>
Adresse du consommateur :<br>
Signature du consommateur (uniquement en cas de notification du présent formulaire sur papier) :<br>
Date :</p>
<p>(*) Rayez la mention inutile.</p>
</blockquote>
