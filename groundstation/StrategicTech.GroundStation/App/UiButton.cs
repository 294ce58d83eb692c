using SkiaSharp;

namespace StrategicTech.GroundStation.App;

/// <summary>What a button does.</summary>
public enum UiAction
{
    None,
    Arm,
    Disarm,
    Takeoff,
    Land,
    ReturnToLaunch,
    Hold,
    MissionStart,
    Confirm,
    Cancel,
    SelectVehicle,
    ShowFly,
    ShowParameters,
    ShowInspector,
    FocusSearch,
    FocusEdit,
    FocusFile,
    RefreshParameters,
    SaveParameters,
    LoadParameters,
    SendParameter,
    SelectParameter,
    SelectMessage,
    ShowPlan,
    PlanToolWaypoint,
    PlanToolSurvey,
    PlanToolFencePolygon,
    PlanToolFenceCircle,
    PlanToolRally,
    PlanTakeoff,
    PlanLand,
    PlanReturnToLaunch,
    PlanDelete,
    PlanFinishShape,
    PlanToggleInclusion,
    PlanFocusField,
    PlanUpload,
    PlanDownload,
    PlanOpen,
    PlanSave,
    PlanSelectItem,
    ReplayPlayPause,
    ReplaySpeed,
    ReplaySeekBar,
    ReplayPlotField,
    ModeMenu,
    SelectMode,
}

/// <summary>A clickable rectangle of the current frame's layout.</summary>
public readonly record struct UiButton(UiAction Action, SKRect Rect, string Label, byte SystemId = 0);
