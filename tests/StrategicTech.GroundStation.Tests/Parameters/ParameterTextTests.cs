using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.GroundStation.Parameters;

namespace StrategicTech.GroundStation.Tests.Parameters;

/// <summary>The editor's type and range checks: what each MAV_PARAM_TYPE accepts, and the sentence it gives otherwise.</summary>
public sealed class ParameterTextTests
{
    [Theory]
    [InlineData(MavParamType.Uint8, "255", true)]
    [InlineData(MavParamType.Uint8, "256", false)]
    [InlineData(MavParamType.Uint8, "-1", false)]
    [InlineData(MavParamType.Int8, "-128", true)]
    [InlineData(MavParamType.Int8, "128", false)]
    [InlineData(MavParamType.Uint16, "65535", true)]
    [InlineData(MavParamType.Int16, "-32769", false)]
    [InlineData(MavParamType.Uint32, "4294967295", true)]
    [InlineData(MavParamType.Int32, "2147483648", false)]
    [InlineData(MavParamType.Int32, "1.000000", true)]
    [InlineData(MavParamType.Int32, "1.5", false)]
    [InlineData(MavParamType.Real32, "1e39", false)]
    [InlineData(MavParamType.Real32, "-3.5e-3", true)]
    [InlineData(MavParamType.Real32, "NaN", false)]
    [InlineData(MavParamType.Real32, "", false)]
    public void A_typed_value_is_accepted_only_inside_its_types_range(MavParamType type, string text, bool accepted)
    {
        bool ok = ParameterText.TryParse(text, type, out ParameterValue value, out string error);

        Assert.Equal(accepted, ok);
        Assert.Equal(accepted, error.Length == 0);
        if (ok)
        {
            Assert.Equal(type, value.Type);
        }
    }

    [Fact]
    public void A_float_formats_so_that_parsing_returns_the_same_bits()
    {
        ParameterValue v = ParameterValue.FromFloat(0.1f);
        Assert.True(ParameterText.TryParse(ParameterText.Format(v), MavParamType.Real32, out ParameterValue back, out _));
        Assert.Equal(v, back);
    }
}
