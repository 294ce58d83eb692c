namespace StrategicTech.Autopilot.Flight;

/// <summary>The announcement of every (condition, action) pair, built once so a failsafe allocates nothing.</summary>
public static class FailsafeTexts
{
    private static readonly string[] Conditions =
    [
        "none", "manual input lost", "offboard setpoints lost", "ground station link lost", "battery low",
        "battery critical", "battery emergency", "position lost", "estimator failure", "geofence breached",
        "motor failure", "flight time limit", "crash detected", "hard impact",
    ];

    private static readonly string[,] Texts = Build();

    /// <summary>Number of <see cref="FailsafeKind"/> values (bits of the active mask).</summary>
    public static int KindCount => Conditions.Length;

    /// <summary>"battery critical", "ground station link lost", …</summary>
    public static string ConditionName(FailsafeKind kind) => (uint)kind < (uint)Conditions.Length ? Conditions[(int)kind] : "unknown";

    /// <summary>"Failsafe: battery critical, return" (the text of a decision).</summary>
    public static string Of(FailsafeKind kind, FailsafeAction action) =>
        (uint)kind < (uint)Conditions.Length && (uint)action < 8 ? Texts[(int)kind, (int)action] : "Failsafe";

    private static string[,] Build()
    {
        var texts = new string[Conditions.Length, 8];
        for (int k = 0; k < Conditions.Length; k++)
        {
            for (int a = 0; a < 8; a++)
            {
                string action = (FailsafeAction)a switch
                {
                    FailsafeAction.Warn => "warning",
                    FailsafeAction.Hold => "hold",
                    FailsafeAction.ReturnToLaunch => "return",
                    FailsafeAction.Land => "land",
                    FailsafeAction.Disarm => "disarm",
                    FailsafeAction.Terminate => "terminate",
                    _ => "no action",
                };
                texts[k, a] = "Failsafe: " + Conditions[k] + ", " + action;
            }
        }

        return texts;
    }
}
