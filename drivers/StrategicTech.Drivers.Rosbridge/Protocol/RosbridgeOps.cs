namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>The op names of the rosbridge v2 protocol (ROSBRIDGE_PROTOCOL.md).</summary>
public static class RosbridgeOps
{
    public const string Fragment = "fragment";
    public const string Advertise = "advertise";
    public const string Unadvertise = "unadvertise";
    public const string Publish = "publish";
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string AdvertiseService = "advertise_service";
    public const string UnadvertiseService = "unadvertise_service";
    public const string CallService = "call_service";
    public const string ServiceResponse = "service_response";
    public const string AdvertiseAction = "advertise_action";
    public const string UnadvertiseAction = "unadvertise_action";
    public const string SendActionGoal = "send_action_goal";
    public const string CancelActionGoal = "cancel_action_goal";
    public const string ActionFeedback = "action_feedback";
    public const string ActionResult = "action_result";
    public const string Status = "status";
    public const string SetLevel = "set_level";
}

/// <summary>Values of a subscription's <c>compression</c> field.</summary>
public static class RosbridgeCompression
{
    public const string None = "none";
    public const string Png = "png";
    public const string Cbor = "cbor";
    public const string CborRaw = "cbor-raw";
}
