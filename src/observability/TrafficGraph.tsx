import {
  BoltIcon,
  BugIcon,
  RouteIcon,
  CubeIcon,
  CubesIcon,
  ExclamationTriangleIcon,
  ConnectedIcon,
  LockIcon,
  QuestionCircleIcon,
  LayerGroupIcon,
} from '@patternfly/react-icons';
import {
  DagreLayout,
  Decorator,
  DefaultEdge,
  DefaultNode,
  Dimensions,
  EdgeStyle,
  GraphComponent,
  ModelKind,
  NodeShape,
  NodeStatus,
  SELECTION_EVENT,
  TopologyControlBar,
  TopologyQuadrant,
  TopologyView,
  Visualization,
  VisualizationProvider,
  VisualizationSurface,
  action,
  createTopologyControlButtons,
  defaultControlButtonsOptions,
  getDefaultShapeDecoratorCenter,
  observer,
  withPanZoom,
  withSelection,
} from '@patternfly/react-topology';
import type {
  ComponentFactory,
  Edge,
  EdgeModel,
  GraphElement,
  LayoutFactory,
  Node,
  NodeModel,
  WithSelectionProps,
} from '@patternfly/react-topology';
import { useEffect, useMemo, useRef } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatBytesPerSecond, formatPercent, formatRate } from '../mesh/observability/format';
import type { GraphEdge, GraphNode, GraphView } from '../mesh/observability/graph';
import type { HealthStatus } from '../mesh/observability/health';

const NODE_SIZE = 56;
const ICON_COLOR = { color: 'var(--pf-t--global--icon--color--regular)' };

const SHAPES: Record<GraphNode['kind'], NodeShape> = {
  app: NodeShape.rect,
  service: NodeShape.rhombus,
  workload: NodeShape.ellipse,
  aggregate: NodeShape.hexagon,
  unknown: NodeShape.octagon,
};

const ICONS: Record<GraphNode['kind'], typeof LayerGroupIcon> = {
  app: CubesIcon,
  service: LayerGroupIcon,
  workload: CubeIcon,
  aggregate: CubesIcon,
  unknown: QuestionCircleIcon,
};

// A waypoint is infrastructure, not an application workload: its own shape and icon.
const shapeOf = (n: GraphNode) => (n.flags.waypoint ? NodeShape.trapezoid : SHAPES[n.kind]);
const iconOf = (n: GraphNode) => (n.flags.waypoint ? ConnectedIcon : ICONS[n.kind]);

export const NODE_STATUS: Record<HealthStatus, NodeStatus> = {
  Healthy: NodeStatus.success,
  Degraded: NodeStatus.warning,
  Failure: NodeStatus.danger,
  NotReady: NodeStatus.default,
  NA: NodeStatus.default,
};

/** Text on an edge: share of the caller's requests, rate, and errors when there are any. */
export const edgeTag = (e: GraphEdge): string => {
  if (e.protocol === 'tcp') return e.rate !== undefined ? formatBytesPerSecond(e.rate) : '';
  const parts = [
    e.sharePercent !== undefined ? formatPercent(e.sharePercent) : undefined,
    e.rate !== undefined ? `${formatRate(e.rate)} rps` : undefined,
    e.errorPercent ? `${formatPercent(e.errorPercent)} err` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
};

type Flag = { key: string; icon: ReactNode; title: string; quadrant: TopologyQuadrant };

const useNodeFlags = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (n: GraphNode): Flag[] => {
    const flags: Flag[] = [];
    const routing = [
      n.flags.virtualService && t('VirtualService'),
      n.flags.trafficShifting && t('traffic shifting'),
      n.flags.requestRouting && t('request routing'),
      n.flags.requestTimeout && t('timeout'),
      n.flags.mirroring && t('mirroring'),
    ].filter(Boolean);
    if (routing.length) {
      flags.push({
        key: 'routing',
        icon: <RouteIcon />,
        title: t('Routing: {{what}}', { what: routing.join(', ') }),
        quadrant: TopologyQuadrant.upperRight,
      });
    }
    if (n.flags.circuitBreaker) {
      flags.push({
        key: 'cb',
        icon: <BoltIcon />,
        title: t('Circuit breaker'),
        quadrant: TopologyQuadrant.lowerRight,
      });
    }
    if (n.flags.faultInjection) {
      flags.push({
        key: 'fault',
        icon: <BugIcon />,
        title: t('Fault injection'),
        quadrant: n.flags.circuitBreaker ? TopologyQuadrant.upperLeft : TopologyQuadrant.lowerRight,
      });
    }
    if (n.flags.outOfMesh) {
      flags.push({
        key: 'sidecar',
        icon: <ExclamationTriangleIcon />,
        title: t('No sidecar: this workload is not in the mesh'),
        quadrant: TopologyQuadrant.lowerLeft,
      });
    }
    return flags;
  };
};

const MeshNode: FC<{ element: GraphElement } & WithSelectionProps> = observer(
  ({ element, onSelect }) => {
    const node = element as Node;
    const data = node.getData() as GraphNode;
    const { t } = useTranslation('plugin__mesh-console-plugin');
    const flagsOf = useNodeFlags();
    const Icon = iconOf(data);
    const { width, height } = node.getDimensions();
    const kind = data.flags.waypoint ? 'waypoint' : data.kind;
    const name = data.flags.waypoint
      ? t('{{name}} (waypoint proxy)', { name: data.label })
      : data.label;
    return (
      <g
        data-test={`graph-node-${kind}-${data.label}${data.version ? `-${data.version}` : ''}`}
        style={data.consolePath ? { cursor: 'pointer' } : undefined}
      >
        <DefaultNode
          element={element}
          onSelect={onSelect}
          selected={data.focus}
          label={data.label}
          secondaryLabel={data.flags.waypoint ? t('Waypoint') : data.version}
          truncateLength={28}
          nodeStatus={NODE_STATUS[data.health]}
          showStatusDecorator={data.health !== 'NA'}
          hideContextMenuKebab
          attachments={flagsOf(data).map((f) => {
            const { x, y } = getDefaultShapeDecoratorCenter(f.quadrant, node);
            return (
              <Decorator key={f.key} x={x} y={y} radius={11} showBackground icon={f.icon}>
                <title>{f.title}</title>
              </Decorator>
            );
          })}
        >
          <g transform={`translate(${width / 4}, ${height / 4})`} style={ICON_COLOR}>
            <Icon width={width / 2} height={height / 2} />
          </g>
        </DefaultNode>
        <title>{data.consolePath ? `${name}: ${data.consolePath}` : name}</title>
      </g>
    );
  },
);

const MeshEdge: FC<{ element: GraphElement }> = observer(({ element }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const edge = element as Edge;
  const data = edge.getData() as GraphEdge;
  const start = edge.getStartPoint();
  const end = edge.getEndPoint();
  const mtls = (data.mtlsPercent ?? 0) > 0;
  // The lock sits just above the line near its start, clear of the tag in the middle.
  const lock = { x: start.x + (end.x - start.x) * 0.15, y: start.y + (end.y - start.y) * 0.15 - 9 };
  return (
    <g data-test={`graph-edge-${data.id}`}>
      <DefaultEdge
        element={element}
        tag={edgeTag(data)}
        tagStatus={NODE_STATUS[data.health]}
        endTerminalStatus={NODE_STATUS[data.health]}
        edgeStyle={data.rate ? EdgeStyle.solid : EdgeStyle.dashed}
      >
        {mtls && (
          <g transform={`translate(${lock.x - 7}, ${lock.y - 7})`} style={ICON_COLOR}>
            <LockIcon width={14} height={14} />
            <title>
              {t('mTLS on {{percent}} of requests', {
                percent: formatPercent(data.mtlsPercent ?? 0),
              })}
            </title>
          </g>
        )}
      </DefaultEdge>
    </g>
  );
});

const componentFactory: ComponentFactory = (kind) => {
  switch (kind) {
    case ModelKind.graph:
      return withPanZoom()(GraphComponent);
    case ModelKind.node:
      return withSelection()(MeshNode);
    case ModelKind.edge:
      return MeshEdge;
    default:
      return undefined;
  }
};

// Dagre spaces ranks at about three times `ranksep` (edge-label ranks): 40 leaves room for a tag.
const layoutFactory: LayoutFactory = (_type, graph) =>
  new DagreLayout(graph, {
    rankdir: 'LR',
    nodeDistance: 20,
    ranksep: 40,
    nodesep: 30,
    edgesep: 20,
  });

/**
 * Kiali's traffic graph drawn with the console's own topology library: nodes by kind and
 * health, edges with their share, rate, errors and mTLS. Clicking a node opens its console page.
 */
export const TrafficGraph: FC<{ view: GraphView; ariaLabel: string }> = ({ view, ariaLabel }) => {
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const controller = useMemo(() => {
    const c = new Visualization();
    c.registerComponentFactory(componentFactory);
    c.registerLayoutFactory(layoutFactory);
    c.setFitToScreenOnLayout(true, 40);
    // A mesh graph has tens of nodes: draw them all, also those panned out of view.
    c.setRenderConstraint(false);
    return c;
  }, []);

  useEffect(() => {
    const onSelect = (ids: string[]) => {
      const node = view.nodes.find((n) => n.id === ids[0]);
      if (node?.consolePath) navigate(node.consolePath);
    };
    controller.addEventListener(SELECTION_EVENT, onSelect);
    return () => {
      controller.removeEventListener(SELECTION_EVENT, onSelect);
    };
  }, [controller, navigate, view]);

  useEffect(() => {
    const nodes: NodeModel[] = view.nodes.map((n) => ({
      id: n.id,
      type: 'node',
      width: NODE_SIZE,
      height: NODE_SIZE,
      shape: shapeOf(n),
      label: n.label,
      data: n,
    }));
    const edges: EdgeModel[] = view.edges.map((e) => ({
      id: e.id,
      type: 'edge',
      source: e.source,
      target: e.target,
      data: e,
    }));
    // Merged into the current graph, not a new one: replacing it removed nodes while their
    // edges' observers still ran, and react-topology threw "GraphElement ... has no parent"
    // (seen when the time window changed). Elements keep their ids across refreshes.
    controller.fromModel(
      { graph: { id: 'mesh-graph', type: 'graph', layout: 'Dagre' }, nodes, edges },
      true,
    );
    // The surface measures itself only once a graph exists, after this first layout and fit;
    // give the graph its size now so the fit is not made against an unmeasured 0×0 surface.
    const el = container.current;
    if (el && el.clientWidth > 0) {
      action(() => {
        const graph = controller.getGraph();
        graph.setDimensions(new Dimensions(el.clientWidth, el.clientHeight));
        graph.fit(40);
      })();
    }
  }, [controller, view]);

  const controls = useMemo(
    () =>
      createTopologyControlButtons({
        ...defaultControlButtonsOptions,
        zoomInCallback: action(() => controller.getGraph().scaleBy(4 / 3)),
        zoomOutCallback: action(() => controller.getGraph().scaleBy(0.75)),
        fitToScreenCallback: action(() => controller.getGraph().fit(40)),
        resetViewCallback: action(() => {
          controller.getGraph().reset();
          controller.getGraph().layout();
        }),
        legend: false,
      }),
    [controller],
  );

  return (
    <div
      ref={container}
      role="figure"
      aria-label={ariaLabel}
      style={{ height: 480 }}
      data-test="traffic-graph"
    >
      <TopologyView controlBar={<TopologyControlBar controlButtons={controls} />}>
        <VisualizationProvider controller={controller}>
          <VisualizationSurface state={{}} />
        </VisualizationProvider>
      </TopologyView>
    </div>
  );
};
