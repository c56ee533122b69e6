/// Built-in points for Germany's two-digit postal regions (Leitregionen 01–99).
///
/// Each point is a main town of the region (e.g. 80 → München, 44 → Dortmund), rounded to 0.1° (about 10 km): a
/// region spans up to about 150 km, so a distance between two regions' points is an estimate good to some tens of km,
/// no better. Regions not used for addresses (00, 05, 11, 43, 62) have no point.
enum GermanPostalRegions {
    /// The point of the region a German postal code lies in, or `nil` when its first two characters are not a known
    /// region.
    static func point(forPostalCode postalCode: String) -> GeoCoordinate? {
        guard let region = PostalCodePrefix.leadingDigits(postalCode, count: 2) else { return nil }
        return points[region]
    }

    /// Region number → (latitude, longitude) of a main town in it.
    static let points: [Int: GeoCoordinate] = {
        let table: [(Int, Double, Double)] = [
            (1, 51.1, 13.7),  // Dresden
            (2, 51.2, 14.4),  // Bautzen
            (3, 51.8, 14.3),  // Cottbus
            (4, 51.3, 12.4),  // Leipzig
            (6, 51.5, 12.0),  // Halle (Saale)
            (7, 50.9, 12.1),  // Gera
            (8, 50.7, 12.5),  // Zwickau
            (9, 50.8, 12.9),  // Chemnitz
            (10, 52.5, 13.4),  // Berlin
            (12, 52.5, 13.4),  // Berlin
            (13, 52.5, 13.4),  // Berlin
            (14, 52.4, 13.1),  // Potsdam
            (15, 52.3, 14.6),  // Frankfurt (Oder)
            (16, 52.8, 13.2),  // Oranienburg
            (17, 53.6, 13.3),  // Neubrandenburg
            (18, 54.1, 12.1),  // Rostock
            (19, 53.6, 11.4),  // Schwerin
            (20, 53.6, 10.0),  // Hamburg
            (21, 53.3, 10.4),  // Lüneburg
            (22, 53.6, 10.0),  // Hamburg
            (23, 53.9, 10.7),  // Lübeck
            (24, 54.3, 10.1),  // Kiel
            (25, 54.2, 9.1),  // Heide
            (26, 53.1, 8.2),  // Oldenburg
            (27, 53.5, 8.6),  // Bremerhaven
            (28, 53.1, 8.8),  // Bremen
            (29, 52.6, 10.1),  // Celle
            (30, 52.4, 9.7),  // Hannover
            (31, 52.2, 9.9),  // Hildesheim
            (32, 52.1, 8.7),  // Herford
            (33, 52.0, 8.5),  // Bielefeld
            (34, 51.3, 9.5),  // Kassel
            (35, 50.6, 8.7),  // Gießen
            (36, 50.6, 9.7),  // Fulda
            (37, 51.5, 9.9),  // Göttingen
            (38, 52.3, 10.5),  // Braunschweig
            (39, 52.1, 11.6),  // Magdeburg
            (40, 51.2, 6.8),  // Düsseldorf
            (41, 51.2, 6.4),  // Mönchengladbach
            (42, 51.3, 7.2),  // Wuppertal
            (44, 51.5, 7.5),  // Dortmund
            (45, 51.5, 7.0),  // Essen
            (46, 51.5, 6.9),  // Oberhausen
            (47, 51.4, 6.8),  // Duisburg
            (48, 52.0, 7.6),  // Münster
            (49, 52.3, 8.0),  // Osnabrück
            (50, 50.9, 7.0),  // Köln
            (51, 51.0, 7.1),  // Bergisch Gladbach
            (52, 50.8, 6.1),  // Aachen
            (53, 50.7, 7.1),  // Bonn
            (54, 49.8, 6.6),  // Trier
            (55, 50.0, 8.3),  // Mainz
            (56, 50.4, 7.6),  // Koblenz
            (57, 50.9, 8.0),  // Siegen
            (58, 51.4, 7.5),  // Hagen
            (59, 51.7, 7.8),  // Hamm
            (60, 50.1, 8.7),  // Frankfurt am Main
            (61, 50.2, 8.6),  // Bad Homburg
            (63, 50.1, 8.9),  // Hanau
            (64, 49.9, 8.7),  // Darmstadt
            (65, 50.1, 8.2),  // Wiesbaden
            (66, 49.2, 7.0),  // Saarbrücken
            (67, 49.4, 7.8),  // Kaiserslautern
            (68, 49.5, 8.5),  // Mannheim
            (69, 49.4, 8.7),  // Heidelberg
            (70, 48.8, 9.2),  // Stuttgart
            (71, 48.9, 9.2),  // Ludwigsburg
            (72, 48.5, 9.2),  // Reutlingen
            (73, 48.7, 9.7),  // Göppingen
            (74, 49.1, 9.2),  // Heilbronn
            (75, 48.9, 8.7),  // Pforzheim
            (76, 49.0, 8.4),  // Karlsruhe
            (77, 48.5, 7.9),  // Offenburg
            (78, 48.1, 8.5),  // Villingen-Schwenningen
            (79, 48.0, 7.8),  // Freiburg im Breisgau
            (80, 48.1, 11.6),  // München
            (81, 48.1, 11.6),  // München
            (82, 48.0, 11.3),  // Starnberg
            (83, 47.9, 12.1),  // Rosenheim
            (84, 48.5, 12.2),  // Landshut
            (85, 48.8, 11.4),  // Ingolstadt
            (86, 48.4, 10.9),  // Augsburg
            (87, 47.7, 10.3),  // Kempten
            (88, 47.8, 9.6),  // Ravensburg
            (89, 48.4, 10.0),  // Ulm
            (90, 49.5, 11.1),  // Nürnberg
            (91, 49.6, 11.0),  // Erlangen
            (92, 49.4, 11.9),  // Amberg
            (93, 49.0, 12.1),  // Regensburg
            (94, 48.6, 13.4),  // Passau
            (95, 49.9, 11.6),  // Bayreuth
            (96, 49.9, 10.9),  // Bamberg
            (97, 49.8, 9.9),  // Würzburg
            (98, 50.6, 10.7),  // Suhl
            (99, 51.0, 11.0),  // Erfurt
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0, GeoCoordinate(latitude: $0.1, longitude: $0.2)) })
    }()
}
