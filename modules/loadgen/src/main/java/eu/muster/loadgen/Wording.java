package eu.muster.loadgen;

import eu.muster.contract.Phase;
import eu.muster.contract.ResponseService;
import eu.muster.contract.Sector;
import eu.muster.contract.TaxonomyClass;
import java.util.List;
import java.util.Map;

/**
 * What the generated events say: incident archetypes, places, and the sentences duty officers
 * write. Realistic enough that views, dashboards and the review mechanism see text of a plausible
 * length and variety, not "x".
 */
final class Wording {

    /** The 27 member states in a fixed order (the contract's set iterates in a different order on every JVM). */
    static final List<String> MEMBER_STATES = eu.muster.contract.MemberStates.CODES.stream().sorted().toList();

    /**
     * A kind of incident, from the request's title to the review's conclusions.
     *
     * @param titlePrefix    the title up to the affected entity's name
     * @param taxonomyClass  the RSIT class the review gives it
     * @param taxonomyType   the RSIT type within the class
     * @param sectors        the sectors it typically hits
     * @param services       the response services asked for
     * @param capabilityGaps what national capacity lacks
     * @param rootCause      the review's root cause
     * @param vulnerabilities the vulnerabilities exploited
     * @param lessons        lessons learned
     * @param recommendations recommendations
     */
    record Archetype(String titlePrefix, TaxonomyClass taxonomyClass, String taxonomyType, List<Sector> sectors,
            List<ResponseService> services, List<String> capabilityGaps, String rootCause, List<String> vulnerabilities,
            List<String> lessons, List<String> recommendations) {
    }

    static final List<Archetype> ARCHETYPES = List.of(
            new Archetype("Ransomware at ", TaxonomyClass.MALICIOUS_CODE, "infected-system",
                    List.of(Sector.HEALTH, Sector.MANUFACTURING, Sector.PUBLIC_ADMINISTRATION, Sector.RESEARCH),
                    List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.MALWARE_ANALYSIS, ResponseService.CONTAINMENT,
                            ResponseService.RECOVERY),
                    List.of("large-scale reimaging", "Active Directory recovery", "malware reverse engineering"),
                    "Initial access through an unpatched VPN appliance; domain administrator credentials harvested;"
                            + " ransomware pushed to all servers by group policy.",
                    List.of("CVE-2024-21762", "CVE-2023-4966", "weak service account password"),
                    List.of("Offline backups shortened recovery by days.", "Tiered administration would have stopped the spread."),
                    List.of("Member states to fund offline backup programmes for hospitals.",
                            "The CSIRTs network to share the loader's indicators within 24 hours.")),
            new Archetype("DDoS against ", TaxonomyClass.AVAILABILITY, "ddos",
                    List.of(Sector.BANKING, Sector.DIGITAL_INFRASTRUCTURE, Sector.PUBLIC_ADMINISTRATION, Sector.TRANSPORT),
                    List.of(ResponseService.INCIDENT_COORDINATION, ResponseService.CONTAINMENT, ResponseService.CRISIS_COMMUNICATION),
                    List.of("upstream filtering capacity", "24/7 network operations"),
                    "Volumetric and application-layer floods from a botnet of compromised home routers, coordinated on a"
                            + " hacktivist channel.",
                    List.of("open DNS resolvers", "unprotected origin servers"),
                    List.of("Scrubbing contracts must be in place before the attack.", "Public communication calmed the press early."),
                    List.of("EU-CyCLONe to exercise cross-border DDoS scenarios yearly.",
                            "Operators to keep origin addresses out of public DNS.")),
            new Archetype("Wiper malware at ", TaxonomyClass.MALICIOUS_CODE, "infected-system",
                    List.of(Sector.ENERGY, Sector.DRINKING_WATER, Sector.TRANSPORT),
                    List.of(ResponseService.MALWARE_ANALYSIS, ResponseService.RECOVERY, ResponseService.THREAT_HUNTING),
                    List.of("OT forensics", "firmware analysis"),
                    "A wiper staged through a compromised software update server erased engineering workstations.",
                    List.of("CVE-2023-3519", "update server without code signing"),
                    List.of("Engineering workstations lacked backups.", "Segmentation kept the control network running."),
                    List.of("Operators of essential services to sign and verify internal software updates.")),
            new Archetype("Intrusion into the OT network of ", TaxonomyClass.INTRUSIONS, "system-compromise",
                    List.of(Sector.ENERGY, Sector.DRINKING_WATER, Sector.WASTE_WATER, Sector.CHEMICALS, Sector.MANUFACTURING),
                    List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.THREAT_HUNTING, ResponseService.CONTAINMENT),
                    List.of("OT forensics", "ICS protocol expertise"),
                    "Remote maintenance access of a third-party integrator was reused from a credential leak.",
                    List.of("shared remote maintenance account", "CVE-2024-6387"),
                    List.of("Remote maintenance accounts need per-person credentials and MFA.",
                            "Early OT telemetry made the timeline reconstruction possible."),
                    List.of("The Commission to consider supply-chain requirements for OT integrators.",
                            "Member states to map remote access into critical OT.")),
            new Archetype("Supply-chain compromise reaching ", TaxonomyClass.INTRUSIONS, "application-compromise",
                    List.of(Sector.ICT_SERVICE_MANAGEMENT, Sector.DIGITAL_PROVIDERS, Sector.PUBLIC_ADMINISTRATION),
                    List.of(ResponseService.THREAT_HUNTING, ResponseService.DIGITAL_FORENSICS, ResponseService.VULNERABILITY_ASSESSMENT),
                    List.of("threat hunting at scale", "software composition analysis"),
                    "A trojanised update of a managed service provider's monitoring agent gave the actor access to its customers.",
                    List.of("compromised build pipeline", "CVE-2024-3094"),
                    List.of("Customer notification took too long without a contact list.",
                            "Hunting across customers needed a shared indicator format."),
                    List.of("The CSIRTs network to agree a common indicator exchange for supply-chain incidents.")),
            new Archetype("Data exfiltration from ", TaxonomyClass.INFORMATION_CONTENT_SECURITY, "unauthorised-information-access",
                    List.of(Sector.RESEARCH, Sector.SPACE, Sector.HEALTH, Sector.PUBLIC_ADMINISTRATION),
                    List.of(ResponseService.DIGITAL_FORENSICS, ResponseService.THREAT_HUNTING, ResponseService.CRISIS_COMMUNICATION),
                    List.of("cloud forensics", "large log analysis"),
                    "A long-running intrusion through a vulnerable file transfer appliance staged research data to a cloud store.",
                    List.of("CVE-2023-34362"),
                    List.of("Egress monitoring caught the staging only after months.", "Cloud audit logs were kept too briefly."),
                    List.of("Research institutions to keep cloud audit logs for at least a year.")),
            new Archetype("Account takeover campaign at ", TaxonomyClass.FRAUD, "phishing",
                    List.of(Sector.BANKING, Sector.FINANCIAL_MARKET_INFRASTRUCTURE, Sector.POSTAL_AND_COURIER),
                    List.of(ResponseService.INCIDENT_COORDINATION, ResponseService.CONTAINMENT, ResponseService.CRISIS_COMMUNICATION),
                    List.of("takedown coordination", "fraud analytics"),
                    "Adversary-in-the-middle phishing bypassed one-time-password MFA for staff and customers.",
                    List.of("phishable MFA"),
                    List.of("Phishing-resistant MFA would have prevented the takeover.", "Takedowns across registrars took days."),
                    List.of("Member states to promote phishing-resistant MFA in finance.",
                            "The Commission to streamline cross-border takedown requests.")),
            new Archetype("Exploitation of an edge device zero-day at ", TaxonomyClass.INTRUSION_ATTEMPTS, "exploit",
                    List.of(Sector.PUBLIC_ADMINISTRATION, Sector.DIGITAL_INFRASTRUCTURE, Sector.TRANSPORT),
                    List.of(ResponseService.VULNERABILITY_ASSESSMENT, ResponseService.THREAT_HUNTING, ResponseService.CONTAINMENT),
                    List.of("exploit analysis", "vendor coordination"),
                    "Mass exploitation of an unpublished vulnerability in an edge gateway; web shells planted before a patch existed.",
                    List.of("edge gateway zero-day"),
                    List.of("An inventory of internet-facing devices made scoping fast.", "Vendor coordination through ENISA helped."),
                    List.of("ENISA to keep a contact list of edge device vendors for coordinated disclosure.")));

    private static final Map<Sector, List<String>> ENTITY_KINDS = Map.ofEntries(
            Map.entry(Sector.ENERGY, List.of("Grid Operator", "Power Utility", "Gas Storage")),
            Map.entry(Sector.TRANSPORT, List.of("Airport", "Port Authority", "Rail Operator")),
            Map.entry(Sector.BANKING, List.of("Savings Bank", "Cooperative Bank")),
            Map.entry(Sector.FINANCIAL_MARKET_INFRASTRUCTURE, List.of("Stock Exchange", "Clearing House")),
            Map.entry(Sector.HEALTH, List.of("University Hospital", "Regional Clinic", "Blood Service")),
            Map.entry(Sector.DRINKING_WATER, List.of("Water Utility", "Waterworks")),
            Map.entry(Sector.WASTE_WATER, List.of("Sewage Works")),
            Map.entry(Sector.DIGITAL_INFRASTRUCTURE, List.of("Internet Exchange", "Data Centre", "DNS Registry")),
            Map.entry(Sector.ICT_SERVICE_MANAGEMENT, List.of("Managed IT Services", "Cloud Operations")),
            Map.entry(Sector.PUBLIC_ADMINISTRATION, List.of("City Administration", "Tax Office", "Ministry of the Interior")),
            Map.entry(Sector.SPACE, List.of("Ground Station")),
            Map.entry(Sector.POSTAL_AND_COURIER, List.of("Postal Service", "Parcel Hub")),
            Map.entry(Sector.WASTE_MANAGEMENT, List.of("Waste Services")),
            Map.entry(Sector.CHEMICALS, List.of("Chemical Works")),
            Map.entry(Sector.FOOD, List.of("Food Distribution Centre")),
            Map.entry(Sector.MANUFACTURING, List.of("Automotive Plant", "Medical Devices Factory")),
            Map.entry(Sector.DIGITAL_PROVIDERS, List.of("Online Marketplace", "Search Platform")),
            Map.entry(Sector.RESEARCH, List.of("Research Institute", "Technical University")),
            Map.entry(Sector.OTHER, List.of("Services")));

    private static final Map<String, List<String>> CITIES = Map.ofEntries(
            Map.entry("AT", List.of("Vienna", "Graz", "Linz")), Map.entry("BE", List.of("Brussels", "Antwerp")),
            Map.entry("BG", List.of("Sofia", "Plovdiv")), Map.entry("HR", List.of("Zagreb", "Split")),
            Map.entry("CY", List.of("Nicosia", "Limassol")), Map.entry("CZ", List.of("Prague", "Brno")),
            Map.entry("DK", List.of("Copenhagen", "Aarhus")), Map.entry("EE", List.of("Tallinn", "Tartu")),
            Map.entry("FI", List.of("Helsinki", "Tampere")), Map.entry("FR", List.of("Paris", "Lyon", "Toulouse", "Lille")),
            Map.entry("DE", List.of("Berlin", "Hamburg", "Munich", "Cologne", "Leipzig")), Map.entry("GR", List.of("Athens", "Thessaloniki")),
            Map.entry("HU", List.of("Budapest", "Debrecen")), Map.entry("IE", List.of("Dublin", "Cork")),
            Map.entry("IT", List.of("Rome", "Milan", "Turin")), Map.entry("LV", List.of("Riga")),
            Map.entry("LT", List.of("Vilnius", "Kaunas")), Map.entry("LU", List.of("Luxembourg")),
            Map.entry("MT", List.of("Valletta")), Map.entry("NL", List.of("Amsterdam", "Rotterdam", "Utrecht")),
            Map.entry("PL", List.of("Warsaw", "Krakow", "Gdansk")), Map.entry("PT", List.of("Lisbon", "Porto")),
            Map.entry("RO", List.of("Bucharest", "Cluj-Napoca")), Map.entry("SK", List.of("Bratislava", "Kosice")),
            Map.entry("SI", List.of("Ljubljana", "Maribor")), Map.entry("ES", List.of("Madrid", "Barcelona", "Valencia")),
            Map.entry("SE", List.of("Stockholm", "Gothenburg")));

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("AT", "de"), Map.entry("BE", "nl"), Map.entry("BG", "bg"), Map.entry("HR", "hr"), Map.entry("CY", "el"),
            Map.entry("CZ", "cs"), Map.entry("DK", "da"), Map.entry("EE", "et"), Map.entry("FI", "fi"), Map.entry("FR", "fr"),
            Map.entry("DE", "de"), Map.entry("GR", "el"), Map.entry("HU", "hu"), Map.entry("IE", "en"), Map.entry("IT", "it"),
            Map.entry("LV", "lv"), Map.entry("LT", "lt"), Map.entry("LU", "fr"), Map.entry("MT", "mt"), Map.entry("NL", "nl"),
            Map.entry("PL", "pl"), Map.entry("PT", "pt"), Map.entry("RO", "ro"), Map.entry("SK", "sk"), Map.entry("SI", "sl"),
            Map.entry("ES", "es"), Map.entry("SE", "sv"));

    static final List<String> SUMMARIES_INITIAL = List.of(
            "Responders on a bridge with the entity's IT; scoping the affected hosts.",
            "Triage under way; the most critical services are being isolated.",
            "Emergency containment in place; evidence collection started.",
            "Affected network segments identified; incident command set up with the entity.");
    static final List<String> SUMMARIES_INVESTIGATION = List.of(
            "Initial access vector identified; the timeline is being reconstructed.",
            "Lateral movement traced to two administrative jump hosts.",
            "Malware samples analysed; indicators shared with the national CSIRT.",
            "Scope confirmed; no further entities affected so far.",
            "Persistence mechanisms mapped; credential reset planned.");
    static final List<String> SUMMARIES_CONTAINMENT = List.of(
            "Clean rebuild of core services under way.",
            "Eradication complete on the server estate; clients follow.",
            "Services restored in stages; monitoring intensified.",
            "Residual risk low; preparing the hand-over to national teams.");
    static final List<String> IMPACTS = List.of(
            "Critical services degraded; manual fallback procedures in use.",
            "Operations continue with reduced capacity.",
            "No impact on safety; business processes partly interrupted.",
            "Public-facing services offline for part of the day.");
    static final List<String> ACTIONS_INITIAL = List.of(
            "isolated the affected network segments", "collected memory images of key hosts", "blocked known C2 addresses",
            "disabled compromised accounts", "set up out-of-band communication");
    static final List<String> ACTIONS_INVESTIGATION = List.of(
            "analysed the loader", "reviewed firewall and proxy logs", "imaged the domain controllers",
            "shared indicators with the CSIRTs network", "interviewed the entity's administrators");
    static final List<String> ACTIONS_CONTAINMENT = List.of(
            "rebuilt the domain from clean media", "rotated all privileged credentials", "restored backups of business systems",
            "patched the exploited appliances", "deployed additional monitoring");
    static final List<String> NEXT_INITIAL = List.of(
            "complete the scoping", "identify the initial access vector", "secure the backups");
    static final List<String> NEXT_INVESTIGATION = List.of(
            "confirm eradication readiness", "hunt for further persistence", "prepare the recovery plan");
    static final List<String> NEXT_CONTAINMENT = List.of(
            "monitor for reinfection", "restore the remaining services", "prepare the hand-over report");

    static final List<String> TO_INVESTIGATION = List.of(
            "Initial containment holds; scoping complete.", "Critical services isolated; investigation can start in depth.");
    static final List<String> TO_CONTAINMENT = List.of(
            "Root cause understood; eradication and recovery can start.", "Attacker access removed; recovery begins.");
    static final List<String> STEP_BACK = List.of(
            "Reinfection found on a restored server; investigation reopened.",
            "New persistence mechanism discovered during recovery; back to investigation.");

    static final List<String> CLOSURES = List.of(
            "Services restored; hand-over to the national CSIRT completed.",
            "Incident resolved; residual monitoring handed to the entity's SOC.",
            "Threat eradicated and services restored; no further support needed.");
    static final List<String> WITHDRAWALS = List.of(
            "Handled with national capacity after all.", "Filed in error.",
            "The entity contracted a commercial provider directly.");
    static final List<String> REMOTE_ENDINGS = List.of(
            "Handed over to the national CSIRT.", "Engagement objectives met.");
    static final List<String> ON_SITE_ENDINGS = List.of(
            "On-site work complete; remote monitoring continues.", "Team returned after the recovery of core services.");
    static final List<String> ESCALATIONS = List.of(
            "Spread to entities in another member state.", "Impact on essential services larger than first assessed.");
    static final List<String> DEESCALATIONS = List.of(
            "Impact contained to a single entity.", "Essential services were not affected after all.");
    static final List<String> TEAM_LEADS = List.of("incident lead", "senior responder", "forensics lead");
    static final List<String> COI_REMARKS = List.of(
            "No contractual relationship with the affected entities.", "Past audit work for a sister company considered; not material.");
    static final List<String> ASSISTANCE_NEEDS = List.of(
            "Two malware analysts for one week.", "Forensic imaging capacity for about 200 hosts.",
            "A crisis communication adviser for ten days.");
    static final List<String> OFFERS = List.of(
            "Two analysts from tomorrow, for five days.", "A forensic team of three, remotely, from the day after tomorrow.",
            "One adviser on site within 48 hours.");
    static final List<String> FULFILMENTS = List.of(
            "Loader unpacked; C2 list shared.", "Forensic images taken and analysed.", "Communication plan delivered and used.");
    static final List<String> DECLINES = List.of("Covered by the matched provider already.", "No longer needed.");

    private Wording() {
    }

    /** A plausible name of an entity of the sector in the member state, e.g. "Lyon University Hospital". */
    static String entityName(java.util.SplittableRandom random, Sector sector, String memberState) {
        return Dice.pick(random, city(memberState)) + " " + Dice.pick(random, ENTITY_KINDS.getOrDefault(sector, List.of("Services")));
    }

    /** The cities of a member state. */
    static List<String> city(String memberState) {
        return CITIES.getOrDefault(memberState, List.of("Capital"));
    }

    /** The ISO 639-1 code of a working language of the member state. */
    static String language(String memberState) {
        return LANGUAGES.getOrDefault(memberState, "en");
    }

    /** What a report says in this phase. */
    static List<String> summaries(Phase phase) {
        return switch (phase) {
            case INITIAL_RESPONSE -> SUMMARIES_INITIAL;
            case INVESTIGATION -> SUMMARIES_INVESTIGATION;
            case CONTAINMENT_RECOVERY -> SUMMARIES_CONTAINMENT;
        };
    }

    /** What responders do in this phase. */
    static List<String> actions(Phase phase) {
        return switch (phase) {
            case INITIAL_RESPONSE -> ACTIONS_INITIAL;
            case INVESTIGATION -> ACTIONS_INVESTIGATION;
            case CONTAINMENT_RECOVERY -> ACTIONS_CONTAINMENT;
        };
    }

    /** What responders plan next in this phase. */
    static List<String> nextSteps(Phase phase) {
        return switch (phase) {
            case INITIAL_RESPONSE -> NEXT_INITIAL;
            case INVESTIGATION -> NEXT_INVESTIGATION;
            case CONTAINMENT_RECOVERY -> NEXT_CONTAINMENT;
        };
    }
}
