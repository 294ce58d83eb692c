using Xunit;

namespace StrategicTech.TestSupport;

/// <summary>
/// A <see cref="FactAttribute"/> for a test that reads the reference data in <c>shared/</c>: skipped, with a reason
/// naming where the data belongs, when <see cref="SharedData.IsAvailable"/> is false. Under <c>CI=true</c> it is
/// never skipped (the test then fails on the missing data; <c>test.sh</c> refuses to start before that).
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
