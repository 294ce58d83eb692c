using SkiaSharp;
using StrategicTech.GroundStation.Gamepad;
using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// The gamepad panel at the bottom right: both sticks as circles with their shaped position, or, once the pad was
/// unplugged, "GAMEPAD LOST" with the mode the vehicle chose (its stick-loss failsafe shows there and in the log).
/// </summary>
public sealed class GamepadRenderer(Theme theme)
{
    public const float PanelWidth = 210;
    public const float PanelHeight = 100;
    public const float StickRadius = 32;

    public static readonly SKColor StickDot = new(255, 190, 60);
    public static readonly SKColor LostColor = new(255, 80, 70);

    private readonly Theme _theme = theme ?? throw new ArgumentNullException(nameof(theme));

    public static SKRect Panel(float width, float height) => new(width - PanelWidth - 10, height - 30 - PanelHeight, width - 10, height - 30);

    /// <summary>Centres of the left and right stick circles.</summary>
    public static (SKPoint Left, SKPoint Right) StickCentres(float width, float height)
    {
        SKRect p = Panel(width, height);
        return (new SKPoint(p.Left + 12 + StickRadius, p.Bottom - 8 - StickRadius), new SKPoint(p.Right - 12 - StickRadius, p.Bottom - 8 - StickRadius));
    }

    public void Draw(SKCanvas canvas, float width, float height, GamepadState pad, VehicleState? vehicle)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(pad);
        SKRect panel = Panel(width, height);
        _theme.FillRect(canvas, panel, Theme.PanelBackground);
        if (!pad.Connected)
        {
            _theme.DrawText(canvas, "GAMEPAD LOST", panel.MidX, panel.Top + 30, LostColor, _theme.BigFont, SKTextAlign.Center);
            string mode = vehicle is null ? "no vehicle" : "vehicle now " + vehicle.ModeName;
            _theme.DrawText(canvas, mode, panel.MidX, panel.Top + 55, SKColors.White, _theme.Font, SKTextAlign.Center);
            _theme.DrawText(canvas, "(its stick-loss failsafe)", panel.MidX, panel.Top + 75, SKColors.LightGray, _theme.SmallFont, SKTextAlign.Center);
            return;
        }

        _theme.DrawText(canvas, pad.Name.Length > 28 ? pad.Name[..28] : pad.Name, panel.Left + 6, panel.Top + 14, SKColors.LightGray, _theme.SmallFont);
        (SKPoint left, SKPoint right) = StickCentres(width, height);
        DrawStick(canvas, left, pad.Axis(GamepadState.AxisLeftX), pad.Axis(GamepadState.AxisLeftY));
        DrawStick(canvas, right, pad.Axis(GamepadState.AxisRightX), pad.Axis(GamepadState.AxisRightY));
    }

    private void DrawStick(SKCanvas canvas, SKPoint centre, double x, double y)
    {
        _theme.Stroke.Color = SKColors.Gray;
        _theme.Stroke.StrokeWidth = 1.5f;
        canvas.DrawCircle(centre, StickRadius, _theme.Stroke);
        canvas.DrawLine(centre.X - StickRadius, centre.Y, centre.X + StickRadius, centre.Y, _theme.Stroke);
        canvas.DrawLine(centre.X, centre.Y - StickRadius, centre.X, centre.Y + StickRadius, _theme.Stroke);
        _theme.Fill.Color = StickDot;
        canvas.DrawCircle(centre.X + (float)(x * StickRadius), centre.Y + (float)(y * StickRadius), 5, _theme.Fill);
    }
}
