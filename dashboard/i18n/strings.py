"""Every visible string, in Latvian (first) and English."""

from __future__ import annotations

MINISTRY_LV = "Viedās administrācijas un reģionālās attīstības ministrija (VARAM)"
MINISTRY_EN = "Ministry of Smart Administration and Regional Development (VARAM)"

STRINGS: dict[str, dict[str, str]] = {
    # Site chrome
    "site.title": {
        "lv": "Remigrācijas atbalsts reģionos",
        "en": "Regional remigration support",
    },
    "site.tagline": {
        "lv": "Cik ģimeņu un cilvēku atgriezušies Latvijā ar reģionālo koordinatoru atbalstu",
        "en": "How many families and people returned to Latvia with regional coordinators' help",
    },
    "site.title_short": {"lv": "Remigrācija", "en": "Remigration"},
    "site.skip": {"lv": "Pāriet uz saturu", "en": "Skip to content"},
    "nav.overview": {"lv": "Pārskats", "en": "Overview"},
    "nav.about": {"lv": "Par programmu", "en": "About"},
    "nav.main": {"lv": "Galvenā navigācija", "en": "Main navigation"},
    "nav.language": {"lv": "English", "en": "Latviski"},
    "nav.language_label": {"lv": "Switch to English", "en": "Pārslēgt uz latviešu valodu"},
    "footer.ministry": {"lv": MINISTRY_LV, "en": MINISTRY_EN},
    "footer.ministry_history": {
        "lv": "Iepriekšējais nosaukums: Vides aizsardzības un reģionālās attīstības ministrija.",
        "en": "Former name: Ministry of Environmental Protection and Regional Development.",
    },
    "footer.programme": {
        "lv": "Programma “Reģionālais remigrācijas koordinators”",
        "en": "Programme “Regional remigration coordinator”",
    },
    "footer.api": {"lv": "Atvērtie dati (API)", "en": "Open data (API)"},
    # Overview page
    "overview.title": {"lv": "Pārskats", "en": "Overview"},
    "overview.intro": {
        "lv": (
            "Dati par ģimeņu un cilvēku skaitu, kas atgriezušies Latvijā ar reģionālo "
            "remigrācijas koordinatoru atbalstu, un sagatavotajiem personalizētajiem "
            "piedāvājumiem, pa plānošanas reģioniem."
        ),
        "en": (
            "Families and people who returned to Latvia with the support of the regional "
            "remigration coordinators, and the personalised offers prepared, by planning region."
        ),
    },
    "filters.title": {"lv": "Atlase", "en": "Filters"},
    "filters.toggle": {"lv": "Rādīt vai slēpt atlasi", "en": "Show or hide filters"},
    "filters.regions": {"lv": "Plānošanas reģioni", "en": "Planning regions"},
    "filters.metric": {"lv": "Rādītājs", "en": "Measure"},
    "filters.period_from": {"lv": "Periods no", "en": "Period from"},
    "filters.period_to": {"lv": "Periods līdz", "en": "Period to"},
    "filters.per_month": {
        "lv": "Rādīt vidēji mēnesī (periodi ir dažāda garuma)",
        "en": "Show per month (the periods differ in length)",
    },
    "filters.per_month_help": {
        "lv": "Vērtību dala ar perioda garumu mēnešos: 2018. g. – 10, 2019. g. – 12, 2020. g. – 6.",
        "en": "Divides each value by the period's length in months (2018: 10, 2019: 12, 2020: 6).",
    },
    "filters.no_regions": {
        "lv": "Izvēlieties vismaz vienu reģionu.",
        "en": "Select at least one region.",
    },
    "filters.bad_range": {
        "lv": "Perioda sākums ir pēc beigām; rādām visu izvēlēto diapazonu otrādi.",
        "en": "The start period is after the end period; the range has been swapped.",
    },
    "cards.title": {"lv": "Kopā izvēlētajā atlasē", "en": "Totals for the selection"},
    "cards.coverage": {
        "lv": "{start} – {end} ({months} mēn.)",
        "en": "{start} – {end} ({months} months)",
    },
    "cards.per_month": {"lv": "vidēji mēnesī", "en": "per month on average"},
    "cards.partial": {
        "lv": "ietver daļējus gadus",
        "en": "includes part-year periods",
    },
    "chart.regions.title": {
        "lv": "{metric} pa reģioniem un periodiem",
        "en": "{metric} by region and period",
    },
    "chart.trend.title": {"lv": "{metric}: pārmaiņas laikā", "en": "{metric}: change over time"},
    "chart.share.title": {
        "lv": "{metric}: katra reģiona daļa",
        "en": "{metric}: each region's share",
    },
    "chart.unit": {"lv": "Mērvienība: {unit}", "en": "Unit: {unit}"},
    "chart.source": {"lv": "Avots", "en": "Source"},
    "chart.data_as_of": {"lv": "Dati uz {date}", "en": "Data as of {date}"},
    "chart.release": {
        "lv": "laidiens Nr. {number}, publicēts {date}",
        "en": "release {number}, published {date}",
    },
    "chart.table": {"lv": "Rādīt datus tabulā", "en": "Show the data as a table"},
    "tools.download": {"lv": "Lejupielādēt", "en": "Download"},
    "tools.image_hint": {"lv": "attēls", "en": "image"},
    "tools.view": {"lv": "šis skats", "en": "this view"},
    "tools.full": {"lv": "visa datu kopa", "en": "full dataset"},
    "tools.share": {"lv": "Citēt, saite, iegult", "en": "Cite, link, embed"},
    "tools.cite": {"lv": "Kā citēt", "en": "How to cite"},
    "tools.permalink": {"lv": "Pastāvīgā saite uz šo skatu", "en": "Permanent link to this view"},
    "tools.embed": {
        "lv": "Iegult savā lapā (HTML kods)",
        "en": "Embed in your page (HTML code)",
    },
    "tools.citation_release": {
        "lv": "laidiens Nr. {number} ({date})",
        "en": "release {number} ({date})",
    },
    "tools.citation_accessed": {"lv": "skatīts {today}", "en": "accessed {today}"},
    "tools.image_source": {"lv": "Avots: {source}", "en": "Source: {source}"},
    "embed.back": {
        "lv": "Skatīt interaktīvajā panelī",
        "en": "View in the interactive dashboard",
    },
    "embed.unknown": {
        "lv": "Šāda iegulstamā grafika nav. Pieejamie: {names}.",
        "en": "There is no such embeddable chart. Available: {names}.",
    },
    "chart.table_caption": {"lv": "{title}. {unit}.", "en": "{title}. {unit}."},
    "chart.no_data": {
        "lv": "Izvēlētajā atlasē datu nav.",
        "en": "There are no data for this selection.",
    },
    "chart.partial_note": {
        "lv": "Periodi ir dažāda garuma; daļēji gadi ir atzīmēti.",
        "en": "Periods differ in length; part-year periods are marked.",
    },
    "chart.share_note": {
        "lv": "Daļa no izvēlēto reģionu kopsummas katrā periodā.",
        "en": "Share of the selected regions' total in each period.",
    },
    "period.months": {"lv": "{months} mēn.", "en": "{months} months"},
    "period.partial_months": {
        "lv": "{months} mēn., daļējs",
        "en": "{months} months, part year",
    },
    "unit.per_month": {"lv": "{unit} mēnesī", "en": "{unit} per month"},
    "table.period": {"lv": "Periods", "en": "Period"},
    "summary.regions": {
        "lv": (
            "Periodā {period} no {n} izvēlētajiem reģioniem visvairāk bija {region}: {value} "
            "({unit}), {share} no kopsummas."
        ),
        "en": (
            "In {period}, {region} had the most of the {n} selected regions: {value} ({unit}), "
            "{share} of the total."
        ),
    },
    "summary.trend": {
        "lv": (
            "Izvēlētie reģioni kopā ({unit}): {first_period} – {first} ({first_months} mēn., "
            "{first_rate} mēnesī); {last_period} – {last} ({last_months} mēn., {last_rate} "
            "mēnesī)."
        ),
        "en": (
            "The selected regions together ({unit}): {first_period}: {first} ({first_months} "
            "months, {first_rate} a month); {last_period}: {last} ({last_months} months, "
            "{last_rate} a month)."
        ),
    },
    "summary.trend_per_month": {
        "lv": (
            "Izvēlētie reģioni kopā vidēji mēnesī ({unit}): {first_period} – {first}; "
            "{last_period} – {last}."
        ),
        "en": (
            "The selected regions together, per month ({unit}): {first_period}: {first}; "
            "{last_period}: {last}."
        ),
    },
    "summary.trend_single": {
        "lv": "Izvēlētajos reģionos kopā periodā {period}: {value} ({unit}).",
        "en": "The selected regions together in {period}: {value} ({unit}).",
    },
    "summary.share": {
        "lv": "Visos {n} izvēlētajos periodos kopā lielākā daļa bija reģionam {region}: {share}.",
        "en": "Over the {n} selected periods combined, {region} had the largest share: {share}.",
    },
    # About page
    "about.title": {"lv": "Par programmu un datiem", "en": "About the programme and the data"},
    "about.lead": {
        "lv": (
            "2018. gadā VARAM izveidoja piecu reģionālo remigrācijas koordinatoru tīklu – pa "
            "vienam katrā plānošanas reģionā. Koordinatori bez maksas konsultē tautiešus, kuri "
            "apsver atgriešanos Latvijā, un sadarbojas ar pašvaldību koordinatoriem desmit "
            "pilotpašvaldībās."
        ),
        "en": (
            "In 2018 VARAM set up a network of five regional remigration coordinators, one in "
            "each planning region. The coordinators advise, free of charge, people abroad who are "
            "considering a return to Latvia, and work with municipal coordinators in ten pilot "
            "municipalities."
        ),
    },
    "about.metrics": {"lv": "Rādītāju definīcijas", "en": "What each measure means"},
    "about.limitations": {"lv": "Datu ierobežojumi", "en": "Limitations of the data"},
    "about.limitation_periods": {
        "lv": (
            "Periodi ir dažāda garuma: 2018. gads (marts–decembris, 10 mēneši), 2019. gads "
            "(12 mēneši), 2020. gads (janvāris–jūnijs, 6 mēneši). Lai tos salīdzinātu, "
            "izmantojiet skatu “vidēji mēnesī”."
        ),
        "en": (
            "The periods differ in length: 2018 (March–December, 10 months), 2019 (12 months), "
            "2020 (January–June, 6 months). Use the “per month” view to compare them."
        ),
    },
    "about.limitation_units": {
        "lv": (
            "Ģimenes, cilvēki un piedāvājumi ir dažādas mērvienības; tos nekad nesaskaita kopā."
        ),
        "en": "Families, people and offers are different units and are never added together.",
    },
    "about.limitation_total": {
        "lv": (
            "Publicētās tabulas aile “KOPĀ” ir reģionu summa; to izmanto pārbaudei, nevis kā "
            "sesto reģionu."
        ),
        "en": (
            "The published table's “KOPĀ” (total) column is the sum of the regions; it is used "
            "as a check, not as a sixth region."
        ),
    },
    "about.sources": {"lv": "Avoti", "en": "Sources"},
    # Errors
    "error.not_found": {"lv": "Lapa nav atrasta", "en": "Page not found"},
    "error.back_home": {"lv": "Uz sākumlapu", "en": "Back to the overview"},
    "error.untrusted_host": {
        "lv": "Šī vietne netiek apkalpota ar šo adresi (Host galvene nav atļauta).",
        "en": "This site is not served under that address (the Host header is not allowed).",
    },
    # Contacts page
    "nav.contacts": {"lv": "Kontakti", "en": "Contacts"},
    "contacts.title": {"lv": "Kontakti", "en": "Contacts"},
    "contacts.intro": {
        "lv": (
            "Reģionālie un pašvaldību remigrācijas koordinatori un atbalsta kontakti. "
            "Konsultācijas ir bez maksas. Ja savu pašvaldību sarakstā neatrodat, rakstiet "
            "reģionālajam koordinatoram vai skatiet programmas vietni paps.lv."
        ),
        "en": (
            "Regional and municipal remigration coordinators and support contacts. Advice is "
            "free of charge. If your municipality is not listed, write to the regional "
            "coordinator or see the programme's website paps.lv."
        ),
    },
    "contacts.search": {
        "lv": "Meklēt (vārds, pašvaldība, loma)",
        "en": "Search (name, municipality, role)",
    },
    "contacts.region": {"lv": "Plānošanas reģions", "en": "Planning region"},
    "contacts.all_regions": {"lv": "Visi reģioni", "en": "All regions"},
    "contacts.sort": {"lv": "Kārtot pēc", "en": "Sort by"},
    "contacts.sort.name": {"lv": "vārda", "en": "name"},
    "contacts.sort.region": {"lv": "reģiona", "en": "region"},
    "contacts.sort.verified": {"lv": "pārbaudes datuma", "en": "date verified"},
    "contacts.count": {"lv": "Atrasti kontakti: {n}", "en": "Contacts found: {n}"},
    "contacts.none": {
        "lv": "Neviens kontakts neatbilst meklētajam. Vispārīgā informācija: paps.lv.",
        "en": "No contact matches your search. General information: paps.lv.",
    },
    "contacts.email": {"lv": "E-pasts", "en": "E-mail"},
    "contacts.phone": {"lv": "Tālrunis", "en": "Phone"},
    "contacts.no_channel": {
        "lv": "E-pasts un tālrunis avotā nav norādīti.",
        "en": "The source gives no e-mail or phone.",
    },
    "contacts.verified": {"lv": "Pārbaudīts {date}", "en": "Verified on {date}"},
    "contacts.verified_unknown": {
        "lv": "Pārbaudes datums nav zināms",
        "en": "Date of verification unknown",
    },
    "contacts.stale": {"lv": "var būt novecojis", "en": "may be out of date"},
    "contacts.stale_help": {
        "lv": "Ieraksts pārbaudīts vairāk nekā pirms {months} mēnešiem vai nav pārbaudīts.",
        "en": "Last verified more than {months} months ago, or never.",
    },
    "contacts.vcard": {
        "lv": "Lejupielādēt vizītkarti (vCard)",
        "en": "Download contact card (vCard)",
    },
    "contacts.vcard_for": {
        # Starts with the visible text, so speech-input users can say what they see (WCAG 2.5.3).
        "lv": "Lejupielādēt vizītkarti (vCard): {name}",
        "en": "Download contact card (vCard): {name}",
    },
    "contacts.links": {"lv": "Oficiālās lapas", "en": "Official pages"},
    "contacts.cited": {"lv": "citēts {date}", "en": "cited {date}"},
    "contacts.region_label": {"lv": "Reģions", "en": "Region"},
    "contacts.municipality_label": {"lv": "Pašvaldība", "en": "Municipality"},
    # Funding page
    "nav.funding": {"lv": "Finansējums", "en": "Funding"},
    "funding.title": {"lv": "Finansējums", "en": "Funding"},
    "funding.intro": {
        "lv": (
            "Programmas valsts budžeta finansējums 2020. gadā, Daugavpils pilotprojekta izmaksas "
            "un Daugavpils grantu programmas “Impulss” atbalsta apmērs."
        ),
        "en": (
            "The programme's 2020 state budget, the cost of the Daugavpils pilot project and the "
            "maximum grant of Daugavpils city's “Impulss” programme."
        ),
    },
    "funding.budget.title": {
        "lv": "Valsts budžeta finansējums 2020. gadā pa jomām",
        "en": "2020 state budget by category",
    },
    "funding.budget.note": {
        "lv": (
            "Avots publicē tikai procentus; summas aprēķinātas no kopsummas un noapaļotas "
            "līdz centam."
        ),
        "en": (
            "The source publishes only the percentages; amounts are computed from the total "
            "and rounded to the cent."
        ),
    },
    "funding.pilot.title": {
        "lv": "Daugavpils pilotprojekts: finansējuma avoti",
        "en": "Daugavpils pilot project: who paid",
    },
    "funding.pilot.duration": {
        "lv": "Ilgums: no vienošanās parakstīšanas līdz {end}.",
        "en": "Duration: from the signing of the agreement until {end}.",
    },
    "funding.impulss.title": {
        "lv": "Grantu programma “Impulss” (Daugavpils)",
        "en": "“Impulss” grant programme (Daugavpils)",
    },
    "funding.impulss.text": {
        "lv": "Jaunie uzņēmēji ikgadējā konkursā var saņemt atbalstu līdz {amount}.",
        "en": "New entrepreneurs can receive up to {amount} in the annual competition.",
    },
    "funding.total": {"lv": "Kopā", "en": "Total"},
    "funding.item": {"lv": "Pozīcija", "en": "Item"},
    "funding.amount": {"lv": "Summa", "en": "Amount"},
    "funding.share": {"lv": "Daļa", "en": "Share"},
    "funding.unit": {"lv": "eiro (EUR)", "en": "euro (EUR)"},
    "funding.summary": {
        "lv": "Kopā {total}: {parts}.",
        "en": "{total} in total: {parts}.",
    },
    # About page, continued
    "about.how": {"lv": "Kā programma darbojas", "en": "How the programme works"},
    "about.how_coordinators": {
        "lv": (
            "Katrā no pieciem plānošanas reģioniem strādā reģionālais remigrācijas koordinators. "
            "Ikviens interesents var bez maksas saņemt konsultāciju par atgriešanos konkrētā "
            "reģionā; koordinators palīdz apzināt vajadzības un sagatavo personalizētu "
            "piedāvājumu, vajadzības gadījumā sadarbojoties ar pašvaldību un valsts iestādēm."
        ),
        "en": (
            "Each of the five planning regions has a regional remigration coordinator. Anyone can "
            "get free advice about returning to a particular region; the coordinator helps work "
            "out what the person needs and prepares a personalised offer, working with municipal "
            "and state institutions where needed."
        ),
    },
    "about.how_municipalities": {
        "lv": (
            "Desmit pilotpašvaldības (2009–2021 robežās) sadarbībā ar reģionu koordinatoriem "
            "sniedz praktisku atbalstu: {names}."
        ),
        "en": (
            "Ten pilot municipalities (2009–2021 boundaries) give practical support together with "
            "the regional coordinators: {names}."
        ),
    },
    "about.how_measures": {
        "lv": (
            "Atbalsta pasākumi, piemēram, Daugavpilī: granti uzņēmējdarbības uzsākšanai, latviešu "
            "valodas kursi, vakanču apkopojums, pašvaldības mājoklis, veselības aprūpe un vietas "
            "pirmsskolas izglītības iestādēs. Valsts atbalstu saimnieciskajai darbībai nosaka MK "
            "2018. gada 7. augusta noteikumi (grozīti 2019. gada 20. augustā)."
        ),
        "en": (
            "Support measures, for example in Daugavpils: start-up grants, Latvian language "
            "courses, a list of vacancies, municipal housing, health care and pre-school places. "
            "State support for business activity is governed by the Cabinet regulation of "
            "7 August 2018 (amended on 20 August 2019)."
        ),
    },
    "about.timeline": {"lv": "Notikumu hronoloģija", "en": "Timeline"},
    "about.licence": {"lv": "Licence", "en": "Licence"},
    "about.licence_data": {
        "lv": (
            "Skaitļi ir VARAM un Daugavpils pilsētas domes publiski publicēta informācija; "
            "izmantojot tos, norādiet sākotnējo avotu (skatīt “Avoti”)."
        ),
        "en": (
            "The figures are public information published by VARAM and Daugavpils City "
            "Council; when reusing them, cite the original source (see “Sources”)."
        ),
    },
    "about.licence_map": {
        "lv": (
            "Kartes robežas: Natural Earth (publiskais īpašums), “Made with Natural Earth”; "
            "nosaukumi un kodi: ISO 3166-2."
        ),
        "en": (
            "Map boundaries: Natural Earth (public domain), “Made with Natural Earth”; names and "
            "codes: ISO 3166-2."
        ),
    },
    "about.licence_code": {
        "lv": "Lietotnes pirmkods: MIT licence. Bootstrap: MIT licence.",
        "en": "Application source code: MIT licence. Bootstrap: MIT licence.",
    },
    # Map page
    "nav.map": {"lv": "Karte", "en": "Map"},
    "map.title": {"lv": "Pašvaldību karte", "en": "Municipality map"},
    "map.intro": {
        "lv": (
            "Plānošanas reģioni iekrāsoti pēc izvēlētā rādītāja; ar zvaigzni atzīmētas desmit "
            "pilotpašvaldības. Atrodiet savu pašvaldību, lai redzētu reģiona skaitļus un "
            "kontaktus."
        ),
        "en": (
            "Planning regions are shaded by the selected measure; the ten pilot municipalities "
            "are marked with a star. Find your municipality to see its region's figures and "
            "whom to contact."
        ),
    },
    "map.search": {"lv": "Atrodiet savu pašvaldību", "en": "Find your municipality"},
    "map.search_help": {
        "lv": "Rakstiet nosaukumu (var bez garumzīmēm, piemēram, “Rundale”) un spiediet Enter.",
        "en": "Type a name (Latvian letters optional, e.g. “Rundale”) and press Enter.",
    },
    "map.search_none": {
        "lv": "Neviena pašvaldība neatbilst “{q}”.",
        "en": "No municipality matches “{q}”.",
    },
    "map.search_results": {"lv": "Atrastās pašvaldības", "en": "Matching municipalities"},
    "map.pilot": {"lv": "Pilotpašvaldība", "en": "Pilot municipality"},
    "map.pilot_legend": {"lv": "pilotpašvaldība", "en": "pilot municipality"},
    "map.selected": {"lv": "Izvēlētā pašvaldība", "en": "Selected municipality"},
    "map.legend_title": {"lv": "{metric}, {unit}; {period}", "en": "{metric}, {unit}; {period}"},
    "map.legend_no_data": {"lv": "nav datu", "en": "no data"},
    "map.summary": {
        "lv": (
            "Periodā {period} visvairāk ({unit}) bija reģionam {region}: {value}; "
            "vismazāk – {low_region}: {low}."
        ),
        "en": (
            "In {period}, {region} had the most ({unit}): {value}; {low_region} the fewest: {low}."
        ),
    },
    "map.table_regions": {"lv": "Reģionu skaitļi", "en": "Figures by region"},
    "map.table_municipalities": {
        "lv": "Visas pašvaldības (izvēlieties, lai redzētu kontaktus)",
        "en": "All municipalities (select one to see its contacts)",
    },
    "map.col_region": {"lv": "Plānošanas reģions", "en": "Planning region"},
    "map.col_municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "map.col_pilot": {"lv": "Pilotpašvaldība", "en": "Pilot"},
    "map.col_select": {"lv": "Izvēlēties", "en": "Select"},
    "map.select": {"lv": "Izvēlēties", "en": "Select"},
    "map.select_name": {"lv": "Izvēlēties: {name}", "en": "Select {name}"},
    "map.yes": {"lv": "jā", "en": "yes"},
    "map.no": {"lv": "nē", "en": "no"},
    "map.panel_empty": {
        "lv": "Izvēlieties pašvaldību kartē, meklēšanā vai tabulā.",
        "en": "Select a municipality on the map, with the search box or in the table.",
    },
    "map.panel_region": {"lv": "Plānošanas reģions: {region}", "en": "Planning region: {region}"},
    "map.panel_figures": {
        "lv": "Reģiona skaitļi ({period})",
        "en": "The region's figures ({period})",
    },
    "map.panel_contacts": {"lv": "Kam jautāt", "en": "Whom to contact"},
    "map.panel_no_contacts": {
        "lv": (
            "Šim reģionam koordinatora kontakti mūsu sarakstā vēl nav norādīti. Jautājiet "
            "programmas vietnē paps.lv vai skatiet visus kontaktus."
        ),
        "en": (
            "No coordinator is listed for this region yet. Ask through the programme's website "
            "paps.lv or see all contacts."
        ),
    },
    "map.panel_paps": {
        "lv": "paps.lv – remigrācijas programmas vietne",
        "en": "paps.lv – the programme's website",
    },
    "map.panel_all_contacts": {"lv": "Visi kontakti", "en": "All contacts"},
    "map.panel_measures": {
        "lv": "Atbalsta pasākumi pašvaldībā",
        "en": "Support on offer in the municipality",
    },
    "map.panel_no_measures": {
        "lv": "Šīs pašvaldības atbalsta pasākumi mūsu avotos vēl nav aprakstīti.",
        "en": "Our sources do not yet describe this municipality's support measures.",
    },
    "map.boundaries_note": {
        "lv": "Robežas: 2009–2021 administratīvais iedalījums (Natural Earth).",
        "en": "Boundaries: the 2009–2021 administrative division (Natural Earth).",
    },
    # Page titles and descriptions (<title>, Open Graph, Twitter cards)
    "meta.overview.title": {"lv": "Pārskats", "en": "Overview"},
    "meta.overview.description": {
        "lv": "Cik ģimeņu un cilvēku atgriezušies Latvijā ar reģionālo koordinatoru atbalstu.",
        "en": "How many families and people returned to Latvia with regional coordinators' help.",
    },
    "meta.map.title": {"lv": "Pašvaldību karte", "en": "Municipality map"},
    "meta.map.description": {
        "lv": "Plānošanas reģioni, pilotpašvaldības un kontakti kartē.",
        "en": "Planning regions, pilot municipalities and contacts on a map.",
    },
    "meta.contacts.title": {"lv": "Kontakti", "en": "Contacts"},
    "meta.contacts.description": {
        "lv": "Reģionālie un pašvaldību remigrācijas koordinatori un atbalsta kontakti.",
        "en": "Regional and municipal remigration coordinators and support contacts.",
    },
    "meta.funding.title": {"lv": "Finansējums", "en": "Funding"},
    "meta.funding.description": {
        "lv": "Programmas valsts budžeta finansējums un Daugavpils pilotprojekta izmaksas.",
        "en": "The programme's state budget and the Daugavpils pilot project's cost.",
    },
    "meta.about.title": {"lv": "Par programmu", "en": "About"},
    "meta.about.description": {
        "lv": "Kā darbojas remigrācijas programma un kā definēti tās rādītāji.",
        "en": "How the remigration programme works and how its figures are defined.",
    },
    "meta.accessibility.title": {
        "lv": "Piekļūstamības paziņojums",
        "en": "Accessibility statement",
    },
    "meta.accessibility.description": {
        "lv": "Cik piekļūstama ir šī vietne, kā tas pārbaudīts un kā ziņot par problēmām.",
        "en": "How accessible this site is, how that was checked and how to report a problem.",
    },
    "a11y.title": {"lv": "Piekļūstamības paziņojums", "en": "Accessibility statement"},
    "a11y.intro": {
        "lv": "Programmas “Reģionālais remigrācijas koordinators” statistikas vietne cenšas būt "
        "piekļūstama ikvienam saskaņā ar Ministru kabineta 2020. gada 14. jūlija noteikumiem "
        "Nr. 445 un standartu EN 301 549 (WCAG 2.1 AA līmenis).",
        "en": "This statistics site of the “Regional remigration coordinator” programme aims to "
        "be accessible to everyone, as required by Cabinet Regulation No. 445 of 14 July 2020 "
        "and the standard EN 301 549 (WCAG 2.1 level AA).",
    },
    "a11y.status_title": {"lv": "Atbilstības statuss", "en": "Compliance status"},
    "a11y.status": {
        "lv": "Vietne daļēji atbilst WCAG 2.1 AA prasībām: automātiskās pārbaudes kļūdas neatrod, "
        "bet neatbilstības, kas uzskaitītas zemāk, vēl pastāv, un pārbaude ar ekrāna lasītājiem "
        "vēl nav veikta.",
        "en": "The site is partially compliant with WCAG 2.1 AA: the automated checks find no "
        "failures, but the shortcomings listed below remain, and no test with screen readers "
        "has been made yet.",
    },
    "a11y.method_title": {"lv": "Kā tas pārbaudīts", "en": "How this was checked"},
    "a11y.method": {
        "lv": "Pašnovērtējums, pēdējo reizi {date}: katrā izmaiņā automātiski tiek pārbaudīta "
        "katra lapa abās valodās, datora un 320 pikseļu plata tālruņa ekrānā, ar axe-core "
        "(WCAG 2.0 un 2.1 A un AA noteikumi), kā arī lietošana tikai ar tastatūru, fokusa "
        "redzamība, pārlēkšanas saite un satura pielāgošanās šauram ekrānam.",
        "en": "Self-assessment, last on {date}: every change is checked automatically on every "
        "page in both languages, on a desktop and a 320-pixel-wide phone screen, with axe-core "
        "(WCAG 2.0 and 2.1 A and AA rules), plus keyboard-only use, visible focus, the skip "
        "link and reflow on narrow screens.",
    },
    "a11y.limits_title": {"lv": "Zināmās nepilnības", "en": "Known limitations"},
    "a11y.limit.charts": {
        "lv": "Grafiki ekrāna lasītājiem ir paslēpti; to vietā katram grafikam ir teikums ar "
        "galveno secinājumu un tabula ar tiem pašiem skaitļiem.",
        "en": "Charts are hidden from screen readers; instead each chart has a sentence with its "
        "main finding and a table with the same numbers.",
    },
    "a11y.limit.map": {
        "lv": "Karti nevar lietot ar tastatūru; pašvaldību var atrast ar meklēšanas lauku vai "
        "tabulu zem kartes.",
        "en": "The map itself cannot be used with a keyboard; find a municipality with the "
        "search box or the table below the map instead.",
    },
    "a11y.limit.images": {
        "lv": "Lejupielādētajiem PNG un SVG attēliem ir virsraksts un avots, bet nav teksta "
        "alternatīvas; izmantojiet CSV vai XLSX datnes.",
        "en": "Downloaded PNG and SVG images carry a title and source but no text alternative; "
        "use the CSV or XLSX files instead.",
    },
    "a11y.limit.external": {
        "lv": "Saites ved uz citu iestāžu lapām un dokumentiem, kuru piekļūstamību šī vietne "
        "neietekmē.",
        "en": "Links lead to other bodies' pages and documents, whose accessibility this site "
        "cannot change.",
    },
    "a11y.limit.manual": {
        "lv": "Automātiskās pārbaudes atrod tikai daļu problēmu; manuāla pārbaude ar ekrāna "
        "lasītājiem vēl nav veikta.",
        "en": "Automated checks find only part of the problems; a manual review with screen "
        "readers has not been made yet.",
    },
    "a11y.feedback_title": {"lv": "Atsauksmes un saziņa", "en": "Feedback and contact"},
    "a11y.feedback": {
        "lv": "Ja kaut ko nevarat izlasīt vai lietot, lūdzu, pastāstiet mums, kura lapa un kas "
        "nedarbojas, izmantojot",
        "en": "If you cannot read or use something, please tell us which page and what does not "
        "work, using",
    },
    "a11y.feedback_link": {
        "lv": "ziņojuma veidlapu datu lapā (ziņojumus redz vietnes administratori)",
        "en": "the report form on the data page (the site's administrators see every report)",
    },
    "a11y.prepared": {
        "lv": "Paziņojums sagatavots {date}.",
        "en": "Statement prepared on {date}.",
    },
    "footer.accessibility": {"lv": "Piekļūstamības paziņojums", "en": "Accessibility statement"},
    "meta.not_found.title": {"lv": "Lapa nav atrasta", "en": "Page not found"},
    "meta.not_found.description": {
        "lv": "Šāda lapa nav atrodama.",
        "en": "There is no such page.",
    },
    "error.not_found_text": {
        "lv": "Šādas lapas šajā vietnē nav. Izmantojiet navigāciju vai atgriezieties sākumlapā.",
        "en": "There is no such page on this site. Use the navigation or go back to the overview.",
    },
    # Login
    "login.title": {"lv": "Pieteikšanās administrācijai", "en": "Admin sign-in"},
    "login.username": {"lv": "Lietotājvārds", "en": "Username"},
    "login.password": {"lv": "Parole", "en": "Password"},
    "login.submit": {"lv": "Pieteikties", "en": "Sign in"},
    "login.failed": {
        "lv": "Nepareizs lietotājvārds vai parole.",
        "en": "Wrong username or password.",
    },
    "login.expired": {
        "lv": "Veidlapas derīgums beidzies; lūdzu, mēģiniet vēlreiz.",
        "en": "The form expired; please try again.",
    },
    "login.too_many": {
        "lv": (
            "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu. Lūdzu, mēģiniet vēlreiz pēc "
            "{minutes} min."
        ),
        "en": "Too many failed sign-in attempts. Please try again in {minutes} min.",
    },
    "login.session_ended": {
        "lv": "Jūsu sesija ir beigusies; lūdzu, piesakieties vēlreiz.",
        "en": "Your session has ended; please sign in again.",
    },
    # Admin page
    "meta.admin.title": {"lv": "Administrācija", "en": "Administration"},
    "meta.admin.description": {"lv": "Datu pārvaldība.", "en": "Data management."},
    "admin.title": {"lv": "Administrācija", "en": "Administration"},
    "admin.signed_in": {"lv": "Pieteicies: {user} ({role})", "en": "Signed in: {user} ({role})"},
    "admin.logout": {"lv": "Iziet", "en": "Sign out"},
    "admin.staff_note": {
        "lv": (
            "Jums ir skatītāja tiesības: varat skatīt melnrakstus, vēsturi un auditu, bet ne "
            "mainīt datus."
        ),
        "en": (
            "You have staff access: you can see drafts, the history and the audit log, but not "
            "change data."
        ),
    },
    "admin.tab.upload": {"lv": "Augšupielāde", "en": "Upload"},
    "admin.tab.releases": {"lv": "Laidieni", "en": "Releases"},
    "admin.tab.history": {"lv": "Vēsture un audits", "en": "History and audit"},
    "admin.tab.contacts": {"lv": "Kontakti", "en": "Contacts"},
    "admin.tab.funding": {"lv": "Finansējums", "en": "Funding"},
    "admin.tab.reports": {"lv": "Ziņojumi par datiem", "en": "Data problem reports"},
    "admin.reports.intro": {
        "lv": (
            "Lasītāju ziņojumi par kļūdām datos, jaunākie augšā. Lasītāja e-pasta adresi redz "
            "tikai administratori; tā tiek dzēsta {days} pēc tam, kad ziņojums atzīmēts kā "
            "atrisināts."
        ),
        "en": (
            "Readers' reports of data problems, newest first. Only administrators see a "
            "reader's e-mail address; it is erased {days} after the report is marked resolved."
        ),
    },
    "admin.reports.none": {"lv": "Ziņojumu nav.", "en": "No reports."},
    "admin.reports.email_hidden": {
        "lv": "norādīts (redz tikai administratori)",
        "en": "given (visible to administrators only)",
    },
    "admin.reports.resolve": {"lv": "Atzīmēt kā atrisinātu", "en": "Mark resolved"},
    # The button's accessible name: its visible text (WCAG 2.5.3, label in name) and the report.
    "admin.reports.resolve_label": {
        "lv": "Atzīmēt kā atrisinātu (ziņojums Nr. {id})",
        "en": "Mark resolved (report {id})",
    },
    "admin.reports.resolved": {
        "lv": "Ziņojums Nr. {id} atzīmēts kā atrisināts.",
        "en": "Report {id} marked resolved.",
    },
    "admin.col.email": {"lv": "E-pasts", "en": "E-mail"},
    "admin.reports.how": {
        "lv": (
            "Lai atzīmētu ziņojumu kā atrisinātu, ierakstiet piezīmi par to, kas atrasts vai "
            "izdarīts, un nospiediet “Atzīmēt kā atrisinātu”. Piezīme tiek saglabāta pie "
            "ziņojuma un audita žurnālā."
        ),
        "en": (
            "To resolve a report, write a note on what was found or done and press “Mark "
            "resolved”. The note is kept with the report and in the audit log."
        ),
    },
    "admin.reports.show": {"lv": "Rādīt", "en": "Show"},
    "admin.reports.filter_open": {"lv": "Neatrisinātos", "en": "Open"},
    "admin.reports.filter_resolved": {"lv": "Atrisinātos", "en": "Resolved"},
    "admin.reports.filter_all": {"lv": "Visus", "en": "All"},
    "admin.reports.none_open": {"lv": "Neatrisinātu ziņojumu nav.", "en": "No open reports."},
    "admin.reports.none_resolved": {
        "lv": "Atrisinātu ziņojumu nav.",
        "en": "No resolved reports.",
    },
    "admin.reports.note": {"lv": "Piezīme par atrisinājumu", "en": "Resolution note"},
    # Read out after the note field's label (visually hidden; the row shows the number).
    "admin.reports.note_report": {"lv": " (ziņojums Nr. {id})", "en": " (report {id})"},
    "admin.col.resolution": {"lv": "Atrisinājums", "en": "Resolution"},
    # A number of days, as in "erased 30 days after" (Latvian: singular after 1, 21, 31 …).
    "unit.days.one": {"lv": "{n} dienu", "en": "{n} day"},
    "unit.days.other": {"lv": "{n} dienas", "en": "{n} days"},
    "admin.upload.intro": {
        "lv": (
            "Augšupielādējiet ceturkšņa datus CSV vai XLSX formātā. Fails tiek pārbaudīts; "
            "publicēts tiek tikai pēc apstiprinājuma."
        ),
        "en": (
            "Upload a quarter's figures as CSV or XLSX. The file is checked; nothing is published "
            "until you confirm."
        ),
    },
    "admin.upload.templates": {"lv": "Veidnes", "en": "Templates"},
    "admin.upload.template_long": {"lv": "Garā forma (CSV)", "en": "Long layout (CSV)"},
    "admin.upload.template_wide": {"lv": "Platā forma (CSV)", "en": "Wide layout (CSV)"},
    "admin.upload.template_xlsx": {"lv": "Excel veidne (XLSX)", "en": "Excel template (XLSX)"},
    "admin.upload.drop": {
        "lv": "Ievelciet failu šeit vai izvēlieties to",
        "en": "Drag a file here or choose one",
    },
    "admin.upload.replace": {
        "lv": "Aizstāt jau publicētus skaitļus tiem pašiem periodiem (vecie paliek vēsturē)",
        "en": (
            "Replace figures already published for the same periods (the old ones stay in history)"
        ),
    },
    "admin.upload.valid": {
        "lv": (
            "Fails “{name}” ir derīgs: {rows} rindas ({added} jaunas, {changed} mainītas, {same} "
            "nemainītas)."
        ),
        "en": "“{name}” is valid: {rows} rows ({added} new, {changed} changed, {same} unchanged).",
    },
    "admin.upload.invalid": {
        "lv": "Fails “{name}” netika pieņemts: {n} kļūdas. Nekas netika mainīts.",
        "en": "“{name}” was not accepted: {n} errors. Nothing was changed.",
    },
    "admin.upload.duplicate": {
        "lv": "Šis pats fails jau ir publicēts (laidiens Nr. {release}).",
        "en": "This exact file has already been published (release {release}).",
    },
    "admin.upload.errors": {"lv": "Kļūdas", "en": "Errors"},
    "admin.upload.warnings": {"lv": "Brīdinājumi", "en": "Warnings"},
    "admin.upload.preview": {
        "lv": "Priekšskatījums: kas mainīsies",
        "en": "Preview: what will change",
    },
    "admin.upload.preview_chart": {
        "lv": "Dati pēc publicēšanas (izmainītie periodi)",
        "en": "The data after publishing (affected periods)",
    },
    "admin.upload.publish": {"lv": "Publicēt kā jaunu laidienu", "en": "Publish as a new release"},
    "admin.upload.published": {
        "lv": "Publicēts laidiens Nr. {number}. Visi skati jau rāda jaunos datus.",
        "en": "Published release {number}. Every view now shows the new figures.",
    },
    "admin.col.row": {"lv": "Rinda", "en": "Row"},
    "admin.col.column": {"lv": "Kolonna", "en": "Column"},
    "admin.col.message": {"lv": "Ziņojums", "en": "Message"},
    "admin.col.message_other": {"lv": "English", "en": "Latviski"},
    "admin.col.period": {"lv": "Periods", "en": "Period"},
    "admin.col.region": {"lv": "Reģions", "en": "Region"},
    "admin.col.metric": {"lv": "Rādītājs", "en": "Measure"},
    "admin.col.old": {"lv": "Pašreiz", "en": "Now"},
    "admin.col.new": {"lv": "Jaunais", "en": "New"},
    "admin.col.change": {"lv": "Izmaiņa", "en": "Change"},
    "admin.change.add": {"lv": "jauns", "en": "new"},
    "admin.change.change": {"lv": "mainīts", "en": "changed"},
    "admin.change.same": {"lv": "bez izmaiņām", "en": "unchanged"},
    "admin.releases.intro": {
        "lv": (
            "Katru publicēto laidienu var lejupielādēt tieši tādu, kāds tas tika publicēts. "
            "Atsaukt var jaunāko laidienu."
        ),
        "en": (
            "Every release can be downloaded exactly as published. The latest release can be "
            "rolled back."
        ),
    },
    "admin.col.number": {"lv": "Nr.", "en": "No."},
    "admin.col.status": {"lv": "Statuss", "en": "Status"},
    "admin.col.when": {"lv": "Laiks (UTC)", "en": "When (UTC)"},
    "admin.col.who": {"lv": "Kas", "en": "Who"},
    "admin.col.file": {"lv": "Fails", "en": "File"},
    "admin.col.download": {"lv": "Lejupielāde", "en": "Download"},
    "admin.col.action": {"lv": "Darbība", "en": "Action"},
    "admin.col.outcome": {"lv": "Rezultāts", "en": "Outcome"},
    "admin.col.target": {"lv": "Objekts", "en": "Target"},
    "admin.status.published": {"lv": "publicēts", "en": "published"},
    "admin.status.rolled_back": {"lv": "atsaukts", "en": "rolled back"},
    "admin.status.valid": {"lv": "derīgs (nepublicēts)", "en": "valid (not published)"},
    "admin.status.invalid": {"lv": "nederīgs", "en": "invalid"},
    "admin.status.new": {"lv": "jauns", "en": "new"},
    "admin.status.resolved": {"lv": "atrisināts", "en": "resolved"},
    "admin.rollback": {"lv": "Atsaukt laidienu {number}", "en": "Roll back release {number}"},
    "admin.rolled_back": {
        "lv": "Laidiens Nr. {number} atsaukts; atkal spēkā iepriekšējie dati.",
        "en": "Release {number} rolled back; the previous figures are in effect again.",
    },
    "admin.history.uploads": {"lv": "Augšupielāžu vēsture", "en": "Upload history"},
    "admin.history.audit": {"lv": "Audita žurnāls", "en": "Audit log"},
    "admin.contacts.intro": {
        "lv": "Labojiet kontaktus. Vārdi un piezīmes tiek rādīti kā teksts, nevis HTML.",
        "en": "Edit the directory. Names and notes are shown as text, never as HTML.",
    },
    "admin.contacts.new": {"lv": "Jauns kontakts", "en": "New contact"},
    "admin.contacts.edit": {"lv": "Labot: {name}", "en": "Edit: {name}"},
    "admin.contacts.choose": {"lv": "Kontakts", "en": "Contact"},
    "admin.contacts.save": {"lv": "Saglabāt", "en": "Save"},
    "admin.contacts.verify": {"lv": "Atzīmēt kā pārbaudītu šodien", "en": "Mark verified today"},
    "admin.contacts.deactivate": {"lv": "Deaktivizēt", "en": "Deactivate"},
    "admin.contacts.activate": {"lv": "Aktivizēt", "en": "Activate"},
    "admin.contacts.saved": {"lv": "Saglabāts.", "en": "Saved."},
    "admin.field.name": {"lv": "Vārds vai nodaļa", "en": "Name or department"},
    "admin.field.role_lv": {"lv": "Loma (latviski)", "en": "Role (Latvian)"},
    "admin.field.role_en": {"lv": "Loma (angliski)", "en": "Role (English)"},
    "admin.field.organisation": {"lv": "Organizācija", "en": "Organisation"},
    "admin.field.region": {"lv": "Plānošanas reģions", "en": "Planning region"},
    "admin.field.municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "admin.field.email": {"lv": "E-pasts", "en": "E-mail"},
    "admin.field.phone": {
        "lv": "Tālrunis (+371 un 8 cipari vai E.164)",
        "en": "Phone (+371 and 8 digits, or E.164)",
    },
    "admin.field.active": {"lv": "Aktīvs (redzams publiski)", "en": "Active (shown publicly)"},
    "admin.field.none": {"lv": "— nav —", "en": "— none —"},
    "admin.field.title_lv": {"lv": "Nosaukums (latviski)", "en": "Title (Latvian)"},
    "admin.field.title_en": {"lv": "Nosaukums (angliski)", "en": "Title (English)"},
    "admin.field.amount": {"lv": "Summa, EUR", "en": "Amount, EUR"},
    "admin.field.share": {"lv": "Daļa, %", "en": "Share, %"},
    "admin.field.note": {"lv": "Piezīme", "en": "Note"},
    "admin.funding.intro": {
        "lv": "Labojiet finansējuma rindas. Daļām jābūt kopā 100 %.",
        "en": "Edit the funding rows. The parts must add up to 100 %.",
    },
    "admin.funding.choose": {"lv": "Finansējuma rinda", "en": "Funding row"},
    "admin.forbidden": {
        "lv": "Jūsu lomai šī darbība nav atļauta.",
        "en": "Your role is not allowed to do this.",
    },
    # Service-layer refusals (dashboard/services.py); {label} is the form field's label.
    "service.field.required": {
        "lv": "Lauks “{label}” ir obligāts.",
        "en": "“{label}” is required.",
    },
    "service.field.too_long": {
        "lv": "Lauks “{label}” ir par garu (maks. {max} zīmes).",
        "en": "“{label}” is too long (max {max} characters).",
    },
    "service.field.not_text": {
        "lv": "Laukā “{label}” jābūt tekstam.",
        "en": "“{label}” must be text.",
    },
    "service.field.single_line": {
        "lv": "Laukam “{label}” jābūt vienā rindiņā (bez rindiņu pārtraukumiem un tabulācijas).",
        "en": "“{label}” must be a single line (no line breaks or tabs).",
    },
    "service.field.control": {
        "lv": "Laukā “{label}” ir neatļauta vadības rakstzīme ({char}); izdzēsiet to.",
        "en": "“{label}” contains a control character that is not allowed ({char}); remove it.",
    },
    "service.number.invalid": {
        "lv": "Laukā “{label}” jābūt skaitlim, piemēram, 1234,50.",
        "en": "“{label}” must be a number such as 1234.50.",
    },
    "service.number.range": {
        "lv": "Laukā “{label}” vērtībai jābūt no {low} līdz {high}.",
        "en": "“{label}” must be between {low} and {high}.",
    },
    "service.number.decimals": {
        "lv": "Laukā “{label}” var būt ne vairāk kā divi cipari aiz komata.",
        "en": "“{label}” can have at most two decimal places.",
    },
    "service.conflict": {
        "lv": (
            "Cits administrators tieši tagad mainīja publicētos datus, tāpēc nekas netika "
            "mainīts. Pārlādējiet lapu un mēģiniet vēlreiz."
        ),
        "en": (
            "Another administrator changed the published data at the same moment, so nothing "
            "was changed. Reload the page and try again."
        ),
    },
    "service.busy": {
        "lv": (
            "Datubāze ir aizņemta ar citu publicēšanu, tāpēc nekas netika mainīts. Mēģiniet "
            "vēlreiz pēc brīža."
        ),
        "en": (
            "The database is busy with another publication, so nothing was changed. Try again "
            "in a moment."
        ),
    },
    "service.report.already_resolved": {
        "lv": "Šis ziņojums jau ir atzīmēts kā atrisināts.",
        "en": "This report has already been marked resolved.",
    },
    # Open data page
    "nav.data": {"lv": "Dati", "en": "Data"},
    "meta.data.title": {"lv": "Atvērtie dati", "en": "Open data"},
    "meta.data.description": {
        "lv": "Lejupielādējiet datus, izmantojiet API, lasiet datu vārdnīcu.",
        "en": "Download the data, use the API, read the data dictionary.",
    },
    "data.title": {"lv": "Atvērtie dati", "en": "Open data"},
    "data.intro": {
        "lv": "Visi šīs vietnes skaitļi ir brīvi lejupielādējami un pieejami caur API.",
        "en": "Every figure on this site can be downloaded and is available through the API.",
    },
    "data.releases": {"lv": "Datu laidieni", "en": "Data releases"},
    "data.releases_intro": {
        "lv": "Katrs laidiens ir pieejams tieši tāds, kāds tas tika publicēts.",
        "en": "Every release is available exactly as it was published.",
    },
    "data.as_published": {"lv": "publicēts {date}", "en": "as published on {date}"},
    "data.rolled_back": {"lv": "atsaukts {date}", "en": "rolled back on {date}"},
    "data.current": {
        "lv": "Pašreizējie dati (visi spēkā esošie laidieni)",
        "en": "Current data (all releases in effect)",
    },
    "data.api": {"lv": "API", "en": "API"},
    "data.api_intro": {
        "lv": "API atbild JSON vai CSV formātā, bez atslēgas. Apraksts OpenAPI formātā:",
        "en": "The API answers in JSON or CSV, with no key needed. OpenAPI description:",
    },
    "data.dictionary": {"lv": "Datu vārdnīca", "en": "Data dictionary"},
    "data.columns": {"lv": "Kolonnas", "en": "Columns"},
    "data.col.period": {"lv": "perioda kods", "en": "period code"},
    "data.col.period_label": {"lv": "perioda nosaukums", "en": "period label"},
    "data.col.period_start": {"lv": "perioda sākums (ISO datums)", "en": "period start (ISO date)"},
    "data.col.period_end": {"lv": "perioda beigas (ISO datums)", "en": "period end (ISO date)"},
    "data.col.region": {"lv": "plānošanas reģiona kods", "en": "planning region code"},
    "data.col.region_name": {"lv": "plānošanas reģions", "en": "planning region"},
    "data.col.metric": {"lv": "rādītāja kods", "en": "metric code"},
    "data.col.unit": {"lv": "mērvienība", "en": "unit"},
    "data.col.value": {"lv": "vērtība (vesels skaitlis)", "en": "value (whole number)"},
    "data.col.source_url": {"lv": "avota adrese", "en": "source URL"},
    "data.col.release": {"lv": "laidiena numurs", "en": "release number"},
    "data.period_rules": {
        "lv": (
            "Periodi ir dažāda garuma, un katram ir sākuma un beigu datums. Daļēji gadi ir "
            "atzīmēti. Lai salīdzinātu, daliet ar mēnešu skaitu. Ģimenes, cilvēki un "
            "piedāvājumi ir dažādas mērvienības – tos nesaskaita."
        ),
        "en": (
            "Periods differ in length and each has a start and an end date. Part-year periods "
            "are marked. To compare, divide by the number of months. Families, people and "
            "offers are different units and are never added together."
        ),
    },
    "data.licence": {"lv": "Licence un atsauce", "en": "Licence and citation"},
    "data.cite": {
        "lv": (
            "Atsauce: {site}, laidiens Nr. {number} ({date}), {url}. Sākotnējais avots: {source}."
        ),
        "en": "Cite as: {site}, release {number} ({date}), {url}. Original source: {source}.",
    },
    "data.report": {"lv": "Ziņot par kļūdu datos", "en": "Report a data problem"},
    "data.report_intro": {
        "lv": "Pamanījāt kļūdu? Aprakstiet to; administratori to redzēs.",
        "en": "Spotted a mistake? Describe it; the administrators will see it.",
    },
    "data.report_region": {"lv": "Reģions (ja attiecas)", "en": "Region (if relevant)"},
    "data.report_period": {"lv": "Periods (ja attiecas)", "en": "Period (if relevant)"},
    "data.report_metric": {"lv": "Rādītājs (ja attiecas)", "en": "Measure (if relevant)"},
    "data.report_message": {"lv": "Kas ir nepareizi?", "en": "What is wrong?"},
    "data.report_email": {
        "lv": "Jūsu e-pasts (nav obligāts, ja vēlaties atbildi)",
        "en": "Your e-mail (optional, if you would like a reply)",
    },
    "data.report_privacy": {
        "lv": (
            "E-pasta adrese nav obligāta. To redz tikai vietnes administratori, un tā tiek "
            "izmantota tikai, lai atbildētu uz jūsu ziņojumu. Adrese tiek dzēsta {days} pēc "
            "tam, kad ziņojums ir atrisināts."
        ),
        "en": (
            "Your e-mail address is optional. Only the site's administrators see it, and it is "
            "used only to reply to your report. It is erased {days} after the report is "
            "resolved."
        ),
    },
    "data.report_any": {"lv": "— jebkurš —", "en": "— any —"},
    "data.report_submit": {"lv": "Nosūtīt", "en": "Send"},
    "data.report_thanks": {
        "lv": "Paldies! Ziņojums saglabāts (Nr. {id}).",
        "en": "Thank you! Your report has been saved (no. {id}).",
    },
    "data.report_too_many": {
        "lv": "Pārāk daudz ziņojumu no šīs adreses; lūdzu, mēģiniet vēlāk.",
        "en": "Too many reports from this address; please try again later.",
    },
    # --- database outage (dashboard/outage.py) ---
    "outage.title": {
        "lv": "Dati īslaicīgi nav pieejami",
        "en": "Data temporarily unavailable",
    },
    "outage.body": {
        "lv": (
            "Pašlaik nevaram nolasīt datubāzi, tāpēc šo lapu nevar parādīt. Dati nav zuduši. "
            "Lūdzu, mēģiniet vēlreiz pēc brīža; lapa pati atjaunosies pēc 30 sekundēm."
        ),
        "en": (
            "We cannot read the database right now, so this page cannot be shown. No data has "
            "been lost. Please try again in a moment; the page reloads itself in 30 seconds."
        ),
    },
    "outage.retry": {"lv": "Mēģināt vēlreiz", "en": "Try again"},
    "outage.api": {
        "lv": (
            "Datubāze pašlaik nav pieejama; dati nav zuduši. "
            "Mēģiniet vēlreiz pēc Retry-After sekundēm."
        ),
        "en": (
            "The database is unavailable right now; no data has been lost. "
            "Retry after the Retry-After seconds."
        ),
    },
    # --- the proxy in front (deploy/nginx.conf, filled in by deploy/serve_production.py) ---
    "proxy.too_large": {
        "lv": "Pieprasījums ir par lielu: augšupielādējamais fails var būt līdz {limit}.",
        "en": "The request is too large: an uploaded file may be up to {limit}.",
    },
    "proxy.busy": {
        "lv": "Pārāk daudz vienlaicīgu pieprasījumu no šīs adreses; lūdzu, mēģiniet pēc brīža.",
        "en": "Too many simultaneous requests from this address; please try again in a moment.",
    },
    "proxy.unavailable": {
        "lv": "Vietne īslaicīgi nav pieejama; lūdzu, mēģiniet pēc brīža.",
        "en": "The site is temporarily unavailable; please try again in a moment.",
    },
}
