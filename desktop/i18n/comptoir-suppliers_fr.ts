<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA">
<context>
    <name>comptoir::desktop::AlertsPage</name>
    <message>
        <source>The alert is marked as resolved; it comes back if its cause is still there at the engine&apos;s next pass.</source>
        <translation>L’alerte est marquée comme résolue ; elle revient si sa cause est toujours là à la prochaine passe du moteur.</translation>
    </message>
    <message>
        <source>That alert was already closed.</source>
        <translation>Cette alerte était déjà close.</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Stock bas</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisation en échec</translation>
    </message>
    <message>
        <source>API failing</source>
        <translation>API en échec</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Limite de débit atteinte</translation>
    </message>
    <message>
        <source>Order stuck</source>
        <translation>Commande bloquée</translation>
    </message>
    <message>
        <source>Order failed</source>
        <translation>Commande en échec</translation>
    </message>
    <message>
        <source>No supplier for a line</source>
        <translation>Aucun fournisseur pour une ligne</translation>
    </message>
    <message>
        <source>Cancel at the supplier</source>
        <translation>Annulation chez le fournisseur</translation>
    </message>
    <message>
        <source>Price conflict</source>
        <translation>Conflit de prix</translation>
    </message>
    <message>
        <source>(the shop)</source>
        <translation>(la boutique)</translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to read its alerts.</source>
        <translation>Choisissez une boutique dans le sélecteur pour lire ses alertes.</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Vue en dernier</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Levée</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Alertes ouvertes</translation>
    </message>
    <message>
        <source>Close the chosen alert: it comes back if its cause is still there</source>
        <translation>Clore l’alerte choisie : elle revient si sa cause est toujours là</translation>
    </message>
    <message>
        <source>Mar&amp;k as resolved</source>
        <translation>Mar&amp;quer comme résolue</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ApiLogPage</name>
    <message>
        <source>Every supplier</source>
        <translation>Tous les fournisseurs</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation>(pas de corps)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to read its API call log.</source>
        <translation>Choisissez une boutique dans le sélecteur pour lire son journal d’appels API.</translation>
    </message>
    <message>
        <source>Every call</source>
        <translation>Tous les appels</translation>
    </message>
    <message>
        <source>Failed calls</source>
        <translation>Appels en échec</translation>
    </message>
    <message>
        <source>Succeeded calls</source>
        <translation>Appels réussis</translation>
    </message>
    <message>
        <source>Supplier of the calls shown</source>
        <translation>Fournisseur des appels affichés</translation>
    </message>
    <message>
        <source>Outcome of the calls shown</source>
        <translation>Issue des appels affichés</translation>
    </message>
    <message>
        <source>From (date)</source>
        <translation>Du (date)</translation>
    </message>
    <message>
        <source>To (date, included)</source>
        <translation>Au (date, incluse)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connecteur</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Tentative</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Id de requête</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>Appels API</translation>
    </message>
    <message>
        <source>Request body (secrets redacted)</source>
        <translation>Corps de la requête (secrets masqués)</translation>
    </message>
    <message>
        <source>Response body (secrets redacted)</source>
        <translation>Corps de la réponse (secrets masqués)</translation>
    </message>
    <message>
        <source>The request</source>
        <translation>La requête</translation>
    </message>
    <message>
        <source>The response</source>
        <translation>La réponse</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::DashboardModel</name>
    <message numerus="yes">
        <source>Needs comptoir migrate (%n migration(s) pending)</source>
        <translation>
            <numerusform>À migrer avec comptoir migrate (%n migration en attente)</numerusform>
            <numerusform>À migrer avec comptoir migrate (%n migrations en attente)</numerusform>
        </translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>Newer than this app: update it</source>
        <translation>Plus récente que l’application : mettez-la à jour</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Active suppliers</source>
        <translation>Fournisseurs actifs</translation>
    </message>
    <message>
        <source>Synced variants</source>
        <translation>Variantes synchronisées</translation>
    </message>
    <message>
        <source>Unmapped</source>
        <translation>Non associées</translation>
    </message>
    <message>
        <source>Open supplier orders</source>
        <translation>Commandes fournisseurs en cours</translation>
    </message>
    <message>
        <source>Sync errors</source>
        <translation>Erreurs de synchronisation</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Click to open the list</source>
        <translation>Cliquez pour ouvrir la liste</translation>
    </message>
    <message>
        <source>no call</source>
        <translation>aucun appel</translation>
    </message>
    <message>
        <source>%1 of %2 failed</source>
        <translation>%1 sur %2 en échec</translation>
    </message>
    <message>
        <source>%1 OK</source>
        <translation>%1 OK</translation>
    </message>
    <message>
        <source>API calls (24 h)</source>
        <translation>Appels API (24 h)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n call(s), %2 failed, median %3 ms</source>
        <translation>
            <numerusform>%1 : %n appel, %2 en échec, médiane %3 ms</numerusform>
            <numerusform>%1 : %n appels, %2 en échec, médiane %3 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::DayCharts</name>
    <message>
        <source>Supplier orders per day</source>
        <translation>Commandes fournisseurs par jour</translation>
    </message>
    <message>
        <source>Sync errors per day</source>
        <translation>Erreurs de synchronisation par jour</translation>
    </message>
    <message>
        <source>No shop&apos;s figures to show</source>
        <translation>Aucun chiffre de boutique à afficher</translation>
    </message>
    <message numerus="yes">
        <source>None in the last %n day(s)</source>
        <translation>
            <numerusform>Aucune sur le dernier jour</numerusform>
            <numerusform>Aucune sur les %n derniers jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the last %n day(s); most on %2 (%3)</source>
        <translation>
            <numerusform>%1 sur le dernier jour ; le plus le %2 (%3)</numerusform>
            <numerusform>%1 sur les %n derniers jours ; le plus le %2 (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>Supplier orders per day, last two weeks</source>
        <translation>Commandes fournisseurs par jour, deux dernières semaines</translation>
    </message>
    <message>
        <source>Sync errors per day, last two weeks</source>
        <translation>Erreurs de synchronisation par jour, deux dernières semaines</translation>
    </message>
    <message>
        <source>Supplier orders per day, %1 – %2</source>
        <translation>Commandes fournisseurs par jour, du %1 au %2</translation>
    </message>
    <message>
        <source>Sync errors per day, %1 – %2</source>
        <translation>Erreurs de synchronisation par jour, du %1 au %2</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::EngineHost</name>
    <message>
        <source>%1: %2 sent, %3 shipped, %4 failed; %5 catalog(s) synced</source>
        <translation>%1 : %2 envoyée(s), %3 expédiée(s), %4 en échec ; %5 catalogue(s) synchronisé(s)</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::MainWindow</name>
    <message>
        <source>Read at %1</source>
        <translation>Lu à %1</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>Toutes les boutiques</translation>
    </message>
    <message numerus="yes">
        <source>%n shop(s)</source>
        <translation>
            <numerusform>%n boutique</numerusform>
            <numerusform>%n boutiques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreachable</source>
        <translation>
            <numerusform>%n injoignable</numerusform>
            <numerusform>%n injoignables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to migrate</source>
        <translation>
            <numerusform>%n à migrer</numerusform>
            <numerusform>%n à migrer</numerusform>
        </translation>
    </message>
    <message>
        <source>No shop yet: add one (Ctrl+N).</source>
        <translation>Aucune boutique pour l’instant : ajoutez-en une (Ctrl+N).</translation>
    </message>
    <message>
        <source>Comptoir — suppliers</source>
        <translation>Comptoir — fournisseurs</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>The shop shown (Ctrl+1…9; Ctrl+0: all shops)</source>
        <translation>La boutique affichée (Ctrl+1…9 ; Ctrl+0 : toutes les boutiques)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Add a shop…</source>
        <translation>A&amp;jouter une boutique…</translation>
    </message>
    <message>
        <source>&amp;Edit the shop…</source>
        <translation>&amp;Modifier la boutique…</translation>
    </message>
    <message>
        <source>Re&amp;move the shop…</source>
        <translation>&amp;Retirer la boutique…</translation>
    </message>
    <message>
        <source>&amp;Shops</source>
        <translation>&amp;Boutiques</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Dashboard of every shop</source>
        <translation>Tableau de bord de toutes les boutiques</translation>
    </message>
    <message>
        <source>Remove the shop</source>
        <translation>Retirer la boutique</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
        <source>S&amp;uppliers</source>
        <translation>&amp;Fournisseurs</translation>
    </message>
    <message>
        <source>Engine pass: %1</source>
        <translation>Passe du moteur : %1</translation>
    </message>
    <message>
        <source>Engine pass, with errors: %1</source>
        <translation>Passe du moteur, avec des erreurs : %1</translation>
    </message>
    <message>
        <source>E&amp;ngine</source>
        <translation>&amp;Moteur</translation>
    </message>
    <message>
        <source>&amp;Run the jobs in this app</source>
        <translation>&amp;Exécuter les tâches dans cette application</translation>
    </message>
    <message>
        <source>Dispatch, due syncs and stock for every shop, a pass a minute, as comptoir suppliers run does on a server</source>
        <translation>Envoi des commandes, synchronisations dues et stock de chaque boutique, une passe par minute, comme comptoir suppliers run sur un serveur</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Commandes</translation>
    </message>
    <message>
        <source>&amp;Mapping</source>
        <translation>Ass&amp;ociations</translation>
    </message>
    <message>
        <source>API &amp;log</source>
        <translation>&amp;Journal API</translation>
    </message>
    <message>
        <source>Shops file: %1 (secrets in the system keychain)</source>
        <translation>Fichier des boutiques : %1 (secrets dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Shops file: %1 (no system keychain: secrets in files readable only by you)</source>
        <translation>Fichier des boutiques : %1 (pas de trousseau du système : secrets dans des fichiers lisibles par vous seul)</translation>
    </message>
    <message>
        <source>The app was started without the system keychain</source>
        <translation>L’application a été lancée sans le trousseau du système</translation>
    </message>
    <message>
        <source>Remove %1 from the list? Its database is not touched; its secrets are deleted.</source>
        <translation>Retirer %1 de la liste ? Sa base de données n’est pas touchée ; ses secrets sont supprimés.</translation>
    </message>
    <message>
        <source>Aler&amp;ts</source>
        <translation>Al&amp;ertes</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::MappingPage</name>
    <message>
        <source>%1 mapped to %2.</source>
        <translation>%1 associée à %2.</translation>
    </message>
    <message>
        <source>%1 unmapped.</source>
        <translation>%1 dissociée.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) mapped.</source>
        <translation>
            <numerusform>%n variante associée.</numerusform>
            <numerusform>%n variantes associées.</numerusform>
        </translation>
    </message>
    <message>
        <source>No unmapped variant of this supplier matches a shop SKU or GTIN.</source>
        <translation>Aucune variante non associée de ce fournisseur ne correspond à un SKU ou un GTIN de la boutique.</translation>
    </message>
    <message>
        <source>Every supplier</source>
        <translation>Tous les fournisseurs</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>non compté</translation>
    </message>
    <message>
        <source>chosen by the policy</source>
        <translation>choisi par la règle</translation>
    </message>
    <message>
        <source>the policy chooses %1</source>
        <translation>la règle choisit %1</translation>
    </message>
    <message>
        <source>no supplier keeps the margin floor</source>
        <translation>aucun fournisseur ne respecte la marge minimale</translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to map its suppliers&apos; variants.</source>
        <translation>Choisissez une boutique dans le sélecteur pour associer les variantes de ses fournisseurs.</translation>
    </message>
    <message>
        <source>Every variant</source>
        <translation>Toutes les variantes</translation>
    </message>
    <message>
        <source>Unmapped</source>
        <translation>Non associées</translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation>Associées</translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation>En conflit</translation>
    </message>
    <message>
        <source>Variants shown</source>
        <translation>Variantes affichées</translation>
    </message>
    <message>
        <source>Supplier of the variants shown</source>
        <translation>Fournisseur des variantes affichées</translation>
    </message>
    <message>
        <source>SKU, GTIN or title, then Enter</source>
        <translation>SKU, GTIN ou titre, puis Entrée</translation>
    </message>
    <message>
        <source>Search the suppliers&apos; variants</source>
        <translation>Chercher dans les variantes des fournisseurs</translation>
    </message>
    <message>
        <source>The shop&apos;s variants: SKU, GTIN or product name, then Enter</source>
        <translation>Les variantes de la boutique : SKU, GTIN ou nom du produit, puis Entrée</translation>
    </message>
    <message>
        <source>Search the shop&apos;s variants</source>
        <translation>Chercher dans les variantes de la boutique</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation>Associée à</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>The suppliers&apos; variants</source>
        <translation>Les variantes des fournisseurs</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>The shop&apos;s variants</source>
        <translation>Les variantes de la boutique</translation>
    </message>
    <message>
        <source>Priority of the mapping (lower is preferred)</source>
        <translation>Priorité de l’association (la plus basse est préférée)</translation>
    </message>
    <message>
        <source>priority </source>
        <translation>priorité </translation>
    </message>
    <message>
        <source>&amp;Map to the chosen shop variant</source>
        <translation>&amp;Associer à la variante choisie de la boutique</translation>
    </message>
    <message>
        <source>By hand, replacing what it was mapped to (Ctrl+M)</source>
        <translation>À la main, en remplaçant l’association existante (Ctrl+M)</translation>
    </message>
    <message>
        <source>&amp;Unmap</source>
        <translation>&amp;Dissocier</translation>
    </message>
    <message>
        <source>&amp;Auto-match…</source>
        <translation>Associer automati&amp;quement…</translation>
    </message>
    <message>
        <source>The chosen supplier&apos;s unmapped variants by SKU, then GTIN, reviewed first</source>
        <translation>Les variantes non associées du fournisseur choisi, par SKU puis GTIN, revues d’abord</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::NewsDialog</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Sent to the supplier</source>
        <translation>Envoyée au fournisseur</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmée</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>En production</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>The supplier&apos;s news of %1</source>
        <translation>Nouvelles du fournisseur pour %1</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>Éta&amp;t :</translation>
    </message>
    <message>
        <source>Supplier&apos;s &amp;order number:</source>
        <translation>Numéro de c&amp;ommande du fournisseur :</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>Trans&amp;porteur :</translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation>Numéro de &amp;suivi :</translation>
    </message>
    <message>
        <source>Tracking &amp;URL:</source>
        <translation>&amp;URL de suivi :</translation>
    </message>
    <message>
        <source>New state</source>
        <translation>Nouvel état</translation>
    </message>
    <message>
        <source>Supplier&apos;s order number</source>
        <translation>Numéro de commande du fournisseur</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Transporteur</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Numéro de suivi</translation>
    </message>
    <message>
        <source>Tracking URL</source>
        <translation>URL de suivi</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::OrdersPage</name>
    <message>
        <source>not a state a supplier reports</source>
        <translation>pas un état qu’un fournisseur signale</translation>
    </message>
    <message>
        <source>not an http(s) address</source>
        <translation>pas une adresse http(s)</translation>
    </message>
    <message>
        <source>too long, or not plain text</source>
        <translation>trop long, ou pas du texte simple</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fait.</translation>
    </message>
    <message>
        <source>Every supplier</source>
        <translation>Tous les fournisseurs</translation>
    </message>
    <message>
        <source>The supplier refused it: see its last error.</source>
        <translation>Le fournisseur l’a refusée : voyez sa dernière erreur.</translation>
    </message>
    <message>
        <source>Not sent yet: the engine tries again later (see its last error).</source>
        <translation>Pas encore envoyée : le moteur réessaiera plus tard (voyez sa dernière erreur).</translation>
    </message>
    <message>
        <source>Cancel the supplier order</source>
        <translation>Annuler la commande fournisseur</translation>
    </message>
    <message>
        <source>Cancel %1? Nothing was sent to the supplier. The customer&apos;s order is not changed: ship those items yourself or refund them.

Reason:</source>
        <translation>Annuler %1 ? Rien n’a été envoyé au fournisseur. La commande du client n’est pas modifiée : expédiez ces articles vous-même ou remboursez-les.

Motif :</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 n’a pas pu être lue : %2</translation>
    </message>
    <message>
        <source>%1 — stuck</source>
        <translation>%1 — bloquée</translation>
    </message>
    <message>
        <source>%1 — being dispatched</source>
        <translation>%1 — en cours d’envoi</translation>
    </message>
    <message>
        <source>A platform&apos;s news comes through its connector</source>
        <translation>Les nouvelles d’une plateforme arrivent par son connecteur</translation>
    </message>
    <message>
        <source>What a generic supplier said: its state, order number, tracking</source>
        <translation>Ce qu’un fournisseur générique a dit : état, numéro de commande, suivi</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>Commandes en cours</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>State of the orders shown</source>
        <translation>État des commandes affichées</translation>
    </message>
    <message>
        <source>Supplier of the orders shown</source>
        <translation>Fournisseur des commandes affichées</translation>
    </message>
    <message>
        <source>S&amp;tuck only</source>
        <translation>&amp;Bloquées seulement</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Supplier&apos;s number</source>
        <translation>Numéro du fournisseur</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Next look</source>
        <translation>Prochain examen</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <source>Supplier orders</source>
        <translation>Commandes fournisseurs</translation>
    </message>
    <message>
        <source>&amp;Dispatch now</source>
        <translation>&amp;Envoyer maintenant</translation>
    </message>
    <message>
        <source>Send it, or ask the supplier for news, at once (Ctrl+D)</source>
        <translation>L’envoyer, ou demander des nouvelles au fournisseur, tout de suite (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>A failed order, tried again from its first attempt</source>
        <translation>Une commande en échec, reprise depuis sa première tentative</translation>
    </message>
    <message>
        <source>&amp;Cancel…</source>
        <translation>A&amp;nnuler…</translation>
    </message>
    <message>
        <source>An order nothing was sent for</source>
        <translation>Une commande pour laquelle rien n’a été envoyé</translation>
    </message>
    <message>
        <source>&amp;Tracking…</source>
        <translation>&amp;Suivi…</translation>
    </message>
    <message>
        <source>Only the %1 newest are shown: choose a state, a shop or a supplier to see the others.</source>
        <translation>Seules les %1 plus récentes sont affichées : choisissez un état, une boutique ou un fournisseur pour voir les autres.</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ProposalDialog</name>
    <message>
        <source>Auto-match: review</source>
        <translation>Association automatique : revue</translation>
    </message>
    <message>
        <source>Supplier&apos;s SKU</source>
        <translation>SKU du fournisseur</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Shop&apos;s SKU</source>
        <translation>SKU de la boutique</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Matches to make</source>
        <translation>Associations à faire</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) by SKU, then by GTIN. Uncheck those to leave unmapped.</source>
        <translation>
            <numerusform>%n correspondance par SKU, puis par GTIN. Décochez celles à laisser non associées.</numerusform>
            <numerusform>%n correspondances par SKU, puis par GTIN. Décochez celles à laisser non associées.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Map the checked ones</source>
        <translation>&amp;Associer celles cochées</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::ShopDialog</name>
    <message>
        <source>Edit a shop</source>
        <translation>Modifier une boutique</translation>
    </message>
    <message>
        <source>Add a shop</source>
        <translation>Ajouter une boutique</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Couleur :</translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation>URL de la base de &amp;données :</translation>
    </message>
    <message>
        <source>Secret &amp;keys:</source>
        <translation>&amp;Clés secrètes :</translation>
    </message>
    <message>
        <source>Shop id</source>
        <translation>Identifiant de la boutique</translation>
    </message>
    <message>
        <source>lower-case letters, digits, - or _</source>
        <translation>lettres minuscules, chiffres, - ou _</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Nom de la boutique</translation>
    </message>
    <message>
        <source>Shop colour</source>
        <translation>Couleur de la boutique</translation>
    </message>
    <message>
        <source>Choose the shop colour</source>
        <translation>Choisir la couleur de la boutique</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>URL de la base de données</translation>
    </message>
    <message>
        <source>Secret keys</source>
        <translation>Clés secrètes</translation>
    </message>
    <message>
        <source>unchanged (type a new one to replace it)</source>
        <translation>inchangée (tapez-en une nouvelle pour la remplacer)</translation>
    </message>
    <message>
        <source>unchanged (type new ones to replace them)</source>
        <translation>inchangées (tapez-en de nouvelles pour les remplacer)</translation>
    </message>
    <message>
        <source>The database URL and the keys are kept in the system keychain; they are never shown again.</source>
        <translation>L’URL de la base de données et les clés sont gardées dans le trousseau du système ; elles ne sont plus jamais affichées.</translation>
    </message>
    <message>
        <source>No system keychain answers: the database URL and the keys are kept in files next to the shops file, readable only by you; they are never shown again.</source>
        <translation>Aucun trousseau du système ne répond : l’URL de la base de données et les clés sont gardées dans des fichiers à côté du fichier des boutiques, lisibles par vous seul ; elles ne sont plus jamais affichées.</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SupplierDialog</name>
    <message>
        <source>&amp;Active</source>
        <translation>&amp;Actif</translation>
    </message>
    <message>
        <source>Supplier %1</source>
        <translation>Fournisseur %1</translation>
    </message>
    <message>
        <source>Set: type a JSON object to replace them; empty keeps them.</source>
        <translation>Définis : tapez un objet JSON pour les remplacer ; vide, ils sont gardés.</translation>
    </message>
    <message>
        <source>None yet: a JSON object, e.g. {&quot;api_token&quot;: &quot;…&quot;}</source>
        <translation>Aucun pour l’instant : un objet JSON, par ex. {&quot;api_token&quot;: &quot;…&quot;}</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Fulfilment:</source>
        <translation>&amp;Exécution :</translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation>URL de &amp;base de l’API :</translation>
    </message>
    <message>
        <source>Acc&amp;ount:</source>
        <translation>C&amp;ompte :</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>&amp;Devise :</translation>
    </message>
    <message>
        <source>&amp;Minimum order:</source>
        <translation>Commande &amp;minimale :</translation>
    </message>
    <message>
        <source>&amp;Shipping days:</source>
        <translation>&amp;Jours de livraison :</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contact :</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Courriel :</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>No&amp;tes :</translation>
    </message>
    <message>
        <source>C&amp;redentials:</source>
        <translation>&amp;Identifiants :</translation>
    </message>
    <message>
        <source>Supplier name</source>
        <translation>Nom du fournisseur</translation>
    </message>
    <message>
        <source>Fulfilment type</source>
        <translation>Type d’exécution</translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation>URL de base de l’API</translation>
    </message>
    <message>
        <source>Account at the platform</source>
        <translation>Compte sur la plateforme</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Minimum order amount</source>
        <translation>Montant minimal de commande</translation>
    </message>
    <message>
        <source>Default shipping days</source>
        <translation>Jours de livraison par défaut</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>Nom du contact</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>Courriel du contact</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation>Nouveau fournisseur</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>Supplier type</source>
        <translation>Type de fournisseur</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SuppliersPage</name>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <source>Connection OK: %1</source>
        <translation>Connexion réussie : %1</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Test de la connexion…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>set</source>
        <translation>définis</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to see its suppliers.</source>
        <translation>Choisissez une boutique dans le sélecteur pour voir ses fournisseurs.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Minimum order</source>
        <translation>Commande minimale</translation>
    </message>
    <message>
        <source>Shipping days</source>
        <translation>Jours de livraison</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Suppliers of the shop</source>
        <translation>Fournisseurs de la boutique</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message numerus="yes">
        <source>%n supplier(s) exported, without their credentials.</source>
        <translation>
            <numerusform>%n fournisseur exporté, sans ses identifiants.</numerusform>
            <numerusform>%n fournisseurs exportés, sans leurs identifiants.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated, %3 unchanged.</source>
        <translation>Importé : %1 créé(s), %2 modifié(s), %3 inchangé(s).</translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>Rien n’a été importé : %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d’écrire %1</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>impossible de lire %1</translation>
    </message>
    <message>
        <source>%1 is not JSON</source>
        <translation>%1 n’est pas du JSON</translation>
    </message>
    <message>
        <source>Export the suppliers</source>
        <translation>Exporter les fournisseurs</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Import suppliers</source>
        <translation>Importer des fournisseurs</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>A new supplier (Ctrl+Shift+N)</source>
        <translation>Un nouveau fournisseur (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>The suppliers&apos; settings as JSON, without their credentials</source>
        <translation>Les réglages des fournisseurs en JSON, sans leurs identifiants</translation>
    </message>
    <message>
        <source>Suppliers matched by name are updated, the others created; all or nothing</source>
        <translation>Les fournisseurs reconnus par leur nom sont modifiés, les autres créés ; tout ou rien</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::SyncPage</name>
    <message>
        <source>Done</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>il y a %n s</numerusform>
            <numerusform>il y a %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: not synced: %2</source>
        <translation>%1 : non synchronisé : %2</translation>
    </message>
    <message>
        <source>%1: done — %2 variants, %3 new, %4 mapped, %5 unmapped, %6 gone</source>
        <translation>%1 : terminé — %2 variantes, %3 nouvelles, %4 associées, %5 non associées, %6 disparues</translation>
    </message>
    <message numerus="yes">
        <source>%1: cancelled after %n page(s)</source>
        <translation>
            <numerusform>%1 : annulé après %n page</numerusform>
            <numerusform>%1 : annulé après %n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: failed: %2</source>
        <translation>%1 : échec : %2</translation>
    </message>
    <message>
        <source>No supplier of this shop reads a catalog from its platform.</source>
        <translation>Aucun fournisseur de cette boutique n’a de catalogue sur sa plateforme.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Cancelling at the end of the page being read…</source>
        <translation>Annulation à la fin de la page en cours de lecture…</translation>
    </message>
    <message>
        <source>%1: page %2, %3 products, %4 variants read</source>
        <translation>%1 : page %2, %3 produits, %4 variantes lus</translation>
    </message>
    <message>
        <source>The supplier&apos;s price list</source>
        <translation>La liste de prix du fournisseur</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>impossible de lire %1</translation>
    </message>
    <message>
        <source>this app</source>
        <translation>cette application</translation>
    </message>
    <message>
        <source>comptoir-suppliers on %1 (pid %2)</source>
        <translation>comptoir-suppliers sur %1 (pid %2)</translation>
    </message>
    <message>
        <source>comptoir suppliers run on %1 (pid %2)</source>
        <translation>comptoir suppliers run sur %1 (pid %2)</translation>
    </message>
    <message>
        <source>Engine: %1, version %2 — last heartbeat %3</source>
        <translation>Moteur : %1, version %2 — dernier signe de vie %3</translation>
    </message>
    <message numerus="yes">
        <source>No engine has run this shop&apos;s jobs for the last %n minute(s): supplier orders wait. Run comptoir suppliers run on a server, or Engine ▸ Run the jobs in this app.</source>
        <translation>
            <numerusform>Aucun moteur n’a exécuté les tâches de cette boutique depuis %n minute : les commandes fournisseurs attendent. Lancez comptoir suppliers run sur un serveur, ou Moteur ▸ Exécuter les tâches dans cette application.</numerusform>
            <numerusform>Aucun moteur n’a exécuté les tâches de cette boutique depuis %n minutes : les commandes fournisseurs attendent. Lancez comptoir suppliers run sur un serveur, ou Moteur ▸ Exécuter les tâches dans cette application.</numerusform>
        </translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>its platform</source>
        <translation>sa plateforme</translation>
    </message>
    <message>
        <source>a price list (CSV)</source>
        <translation>une liste de prix (CSV)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>No error in this run.</source>
        <translation>Aucune erreur dans cette synchronisation.</translation>
    </message>
    <message>
        <source>Choose a shop in the switcher to sync its suppliers&apos; catalogs.</source>
        <translation>Choisissez une boutique dans le sélecteur pour synchroniser les catalogues de ses fournisseurs.</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Catalog from</source>
        <translation>Catalogue depuis</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Commencée</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelles</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifiées</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation>Associées</translation>
    </message>
    <message>
        <source>Suppliers to sync</source>
        <translation>Fournisseurs à synchroniser</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>Historique des synchronisations</translation>
    </message>
    <message>
        <source>Errors of the chosen run</source>
        <translation>Erreurs de la synchronisation choisie</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <source>History (the latest %1 runs):</source>
        <translation>Historique (les %1 dernières) :</translation>
    </message>
    <message>
        <source>Read the chosen supplier&apos;s catalog from its platform (Ctrl+S)</source>
        <translation>Lire le catalogue du fournisseur choisi sur sa plateforme (Ctrl+S)</translation>
    </message>
    <message>
        <source>From a &amp;price list…</source>
        <translation>Depuis une &amp;liste de prix…</translation>
    </message>
    <message>
        <source>Read the chosen supplier&apos;s catalog from a CSV price list</source>
        <translation>Lire le catalogue du fournisseur choisi depuis une liste de prix CSV</translation>
    </message>
    <message>
        <source>Sync &amp;all</source>
        <translation>&amp;Tout synchroniser</translation>
    </message>
    <message>
        <source>Every supplier that has a catalog on its platform, one after another</source>
        <translation>Chaque fournisseur qui a un catalogue sur sa plateforme, l’un après l’autre</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
</context>
<context>
    <name>comptoir::desktop::Work</name>
    <message>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
</context>
</TS>
