namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// The six calibration sides, named as PX4 and QGroundControl name them in "[cal] &lt;side&gt; orientation detected".
/// The comment gives the accelerometer reading (specific force, body FRD) when still on that side.
/// </summary>
public enum AccelOrientation
{
    /// <summary>Tail down, nose up: [+g, 0, 0]. QGC "back".</summary>
    TailDown,

    /// <summary>Nose down: [-g, 0, 0]. QGC "front".</summary>
    NoseDown,

    /// <summary>Left side down: [0, +g, 0]. QGC "left".</summary>
    Left,

    /// <summary>Right side down: [0, -g, 0]. QGC "right".</summary>
    Right,

    /// <summary>Upside down: [0, 0, +g]. QGC "up".</summary>
    UpsideDown,

    /// <summary>Level, right side up: [0, 0, -g]. QGC "down".</summary>
    RightSideUp,

    /// <summary>No side matches (tilted, or moving).</summary>
    None,
}
