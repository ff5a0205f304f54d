package jp.renkei.hub.regional.directory;

/**
 * Where a facility is, in WGS 84 degrees, as the facility entered it (the hub calls no geocoding service).
 */
public record Position(double latitude, double longitude) {

    /** The mean Earth radius (IUGG), in kilometres. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    public Position {
        Problems problems = new Problems();
        if (!(latitude >= -90 && latitude <= 90)) {
            problems.add("latitude", "緯度は -90 から 90 の範囲で入力してください（" + latitude + " は範囲外です）");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            problems.add("longitude", "経度は -180 から 180 の範囲で入力してください（" + longitude + " は範囲外です）");
        }
        problems.throwIfAny();
    }

    /** Parses text fields of a form or query; both empty means no position. */
    static Position parse(String latitude, String longitude) {
        boolean noLatitude = latitude == null || latitude.isBlank();
        boolean noLongitude = longitude == null || longitude.isBlank();
        if (noLatitude && noLongitude) {
            return null;
        }
        Problems problems = new Problems();
        Double lat = noLatitude ? missing(problems, "latitude", "緯度") : number(problems, "latitude", "緯度", latitude);
        Double lon = noLongitude ? missing(problems, "longitude", "経度") : number(problems, "longitude", "経度", longitude);
        problems.throwIfAny();
        return new Position(lat, lon);
    }

    private static Double missing(Problems problems, String field, String label) {
        problems.add(field, label + "も入力してください（緯度と経度は組で入力します）");
        return null;
    }

    private static Double number(Problems problems, String field, String label, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(field, label + "は十進数の度で入力してください（例: 37.7608）; 「" + text + "」は数値ではありません");
        return null;
    }

    /** The great-circle distance in kilometres (haversine formula on a sphere of the mean Earth radius). */
    public double distanceKm(Position other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
