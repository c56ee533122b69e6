extension UnitOfMeasure {
    /// Common UN/ECE Recommendation 20 codes (including Rec. 21 packaging codes in their Rec. 20 `X` form) with their
    /// English names. Not the whole recommendation: the units that show up on orders.
    static let rec20Names: [String: String] = {
        let table = """
            C62=one|H87=piece|EA=each|NAR=number of articles|NPR=number of pairs|PR=pair|SET=set|KT=kit|\
            DZN=dozen|DZP=dozen pack|HD=half dozen|QD=quarter dozen|GRO=gross|TP=ten pack|CEN=hundred|\
            MIL=thousand|MIO=million|LS=lump sum|E48=service unit|ACT=activity|ZZ=mutually defined|P1=percent|\
            KGM=kilogram|GRM=gram|MGM=milligram|TNE=tonne (metric ton)|LBR=pound|ONZ=ounce|STN=short ton|\
            LTN=long ton|\
            MTR=metre|CMT=centimetre|MMT=millimetre|DMT=decimetre|KMT=kilometre|LM=linear metre|INH=inch|\
            FOT=foot|YRD=yard|SMI=mile (statute mile)|NMI=nautical mile|\
            MTK=square metre|CMK=square centimetre|MMK=square millimetre|KMK=square kilometre|HAR=hectare|ARE=are|\
            FTK=square foot|INK=square inch|YDK=square yard|ACR=acre|\
            LTR=litre|MLT=millilitre|CLT=centilitre|DLT=decilitre|HLT=hectolitre|MTQ=cubic metre|\
            CMQ=cubic centimetre|DMQ=cubic decimetre|MMQ=cubic millimetre|FTQ=cubic foot|INQ=cubic inch|\
            YDQ=cubic yard|GLL=gallon (US)|GLI=gallon (UK)|QTL=liquid quart (US)|PTL=liquid pint (US)|\
            OZA=fluid ounce (US)|OZI=fluid ounce (UK)|BLL=barrel (US)|\
            SEC=second|MIN=minute|HUR=hour|DAY=day|WEE=week|MON=month|QAN=quarter (of a year)|\
            SAN=half year (6 months)|ANN=year|\
            WHR=watt hour|KWH=kilowatt hour|MWH=megawatt hour|WTT=watt|KWT=kilowatt|MAW=megawatt|\
            AD=byte|2P=kilobyte|4L=megabyte|E34=gigabyte|E35=terabyte|\
            XBX=box|XCT=carton|XPK=package|XPA=packet|XRO=roll|XBG=bag|XCS=case|XPX=pallet|XBO=bottle|\
            XCR=crate|XDR=drum|XBA=barrel|XCA=can|XSA=sack|XBE=bundle|XTU=tube|XJR=jar|XPL=pail|\
            XEN=envelope|XNE=unpacked or unpackaged
            """
        var names: [String: String] = [:]
        for entry in table.split(separator: "|") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            names[String(parts[0])] = String(parts[1])
        }
        return names
    }()

    /// Codes that senders use but that are not (or no longer) Rec. 20, mapped to their Rec. 20 equivalents. Only
    /// unambiguous ones: X12 `PA` (pail) and Rec. 21 `PA` (packet) disagree, so `PA` is not mapped.
    static let legacyAliases: [String: UnitOfMeasure] = [
        "BX": UnitOfMeasure(unchecked: "XBX"),
        "CT": UnitOfMeasure(unchecked: "XCT"),
        "PK": UnitOfMeasure(unchecked: "XPK"),
        "BG": UnitOfMeasure(unchecked: "XBG"),
        "PCE": UnitOfMeasure(unchecked: "H87"),
        "PCS": UnitOfMeasure(unchecked: "H87"),
        "PC": UnitOfMeasure(unchecked: "H87"),
        "KG": UnitOfMeasure(unchecked: "KGM"),
        "LB": UnitOfMeasure(unchecked: "LBR"),
        "DZ": UnitOfMeasure(unchecked: "DZN"),
    ]
}
