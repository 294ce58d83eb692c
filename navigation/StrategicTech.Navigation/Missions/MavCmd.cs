namespace StrategicTech.Navigation.Missions;

/// <summary>MAV_CMD ids used by missions (numbers from the MAVLink common.xml specification).</summary>
public static class MavCmd
{
    public const ushort NavWaypoint = 16;
    public const ushort NavLoiterUnlim = 17;
    public const ushort NavLoiterTurns = 18;
    public const ushort NavLoiterTime = 19;
    public const ushort NavReturnToLaunch = 20;
    public const ushort NavLand = 21;
    public const ushort NavTakeoff = 22;
    public const ushort NavLoiterToAlt = 31;
    public const ushort NavSplineWaypoint = 82;
    public const ushort ConditionDelay = 112;
    public const ushort DoJump = 177;
    public const ushort DoChangeSpeed = 178;
    public const ushort DoLandStart = 189;
    public const ushort DoSetRoiLocation = 195;
    public const ushort DoSetRoi = 201;
    public const ushort DoSetCamTriggDist = 206;
    public const ushort DoGripper = 211;
    public const ushort SetCameraMode = 530;
    public const ushort ImageStartCapture = 2000;
    public const ushort NavFenceReturnPoint = 5000;
    public const ushort NavFencePolygonVertexInclusion = 5001;
    public const ushort NavFencePolygonVertexExclusion = 5002;
    public const ushort NavFenceCircleInclusion = 5003;
    public const ushort NavFenceCircleExclusion = 5004;
    public const ushort NavRallyPoint = 5100;
}
