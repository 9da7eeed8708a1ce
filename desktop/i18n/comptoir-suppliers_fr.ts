<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA">
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
        <source>Shops file: %1 (secrets in files readable only by you)</source>
        <translation>Fichier des boutiques : %1 (secrets dans des fichiers lisibles par vous seul)</translation>
    </message>
    <message>
        <source>Remove the shop</source>
        <translation>Retirer la boutique</translation>
    </message>
    <message>
        <source>Remove %1 from the list? Its database is not touched; its secret files are deleted.</source>
        <translation>Retirer %1 de la liste ? Sa base de données n’est pas touchée ; ses fichiers de secrets sont supprimés.</translation>
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
        <source>The database URL and the keys are kept in files next to the shops file, readable only by you; they are never shown again.</source>
        <translation>L’URL de la base de données et les clés sont gardées dans des fichiers à côté du fichier des boutiques, lisibles par vous seul ; elles ne sont plus jamais affichées.</translation>
    </message>
</context>
</TS>
