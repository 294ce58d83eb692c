namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>A camera: sensor size (mm), focal length (mm), image size (px). Values from the datasheet.</summary>
public readonly record struct CameraSpec(double SensorWidthMm, double SensorHeightMm, double FocalLengthMm, int ImageWidthPx, int ImageHeightPx);

/// <summary>
/// The ground rectangle one image covers, from a nadir camera at a height above flat ground (pinhole model):
/// size on the ground = height × sensor size / focal length. Width is across track, height along track.
/// </summary>
public readonly record struct CameraFootprint(double WidthM, double HeightM)
{
    /// <summary>Landscape: the sensor's long side (width) lies across the track, as QGroundControl's default.</summary>
    public static CameraFootprint FromCamera(CameraSpec camera, double heightAboveGroundM, bool landscape = true)
    {
        if (!(camera.FocalLengthMm > 0) || !(camera.SensorWidthMm > 0) || !(camera.SensorHeightMm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(camera), camera, "sensor size and focal length must be positive");
        }

        if (!(heightAboveGroundM > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(heightAboveGroundM), heightAboveGroundM, "height above ground must be positive");
        }

        double across = heightAboveGroundM * camera.SensorWidthMm / camera.FocalLengthMm;
        double along = heightAboveGroundM * camera.SensorHeightMm / camera.FocalLengthMm;
        return landscape ? new CameraFootprint(across, along) : new CameraFootprint(along, across);
    }

    /// <summary>Ground sample distance (m per pixel) across track.</summary>
    public static double GroundSampleDistanceM(CameraSpec camera, double heightAboveGroundM) =>
        heightAboveGroundM * camera.SensorWidthMm / (camera.FocalLengthMm * camera.ImageWidthPx);

    /// <summary>Distance between adjacent passes: footprint width × (1 − side overlap).</summary>
    public double LineSpacingM(double sideOverlapFraction) => WidthM * (1 - CheckOverlap(sideOverlapFraction));

    /// <summary>Distance between shots along a pass: footprint height × (1 − front overlap).</summary>
    public double TriggerDistanceM(double frontOverlapFraction) => HeightM * (1 - CheckOverlap(frontOverlapFraction));

    private static double CheckOverlap(double fraction) =>
        fraction is >= 0 and < 1 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "overlap must be in [0, 1)");
}
