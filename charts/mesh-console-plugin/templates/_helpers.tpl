{{/*
The plugin's name is fixed: the ConsolePlugin must be named exactly as the plugin manifest
built into the image (package.json consolePlugin.name), so it is not derived from the release.
*/}}
{{- define "mcp.name" -}}
mesh-console-plugin
{{- end -}}

{{- define "mcp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "mcp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "mcp.name" . }}
{{- end -}}

{{- define "mcp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: console-plugin
{{- end -}}

{{- define "mcp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mcp.name" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret holding tls.crt/tls.key: the user's, or the one the service-ca operator issues. */}}
{{- define "mcp.tlsSecretName" -}}
{{- default (printf "%s-cert" (include "mcp.name" .)) .Values.tls.existingSecret -}}
{{- end -}}

{{- define "mcp.image" -}}
{{- $repo := required "image.repository is required: the image built from the repository's Containerfile" .Values.image.repository -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if hasPrefix "sha256:" $tag -}}
{{- printf "%s@%s" $repo $tag -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{- define "mcp.jobImage" -}}
{{- $img := .Values.enableJob.image -}}
{{- $tag := default "latest" $img.tag -}}
{{- if hasPrefix "sha256:" $tag -}}
{{- printf "%s@%s" $img.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $img.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Name of the hook's ServiceAccount, ClusterRole, ClusterRoleBinding and script ConfigMap. */}}
{{- define "mcp.hookName" -}}
{{- printf "%s-console-patcher" (include "mcp.name" .) -}}
{{- end -}}

{{/* Proxy entries that are enabled and fully set, as a list of dicts. */}}
{{- define "mcp.proxyEntries" -}}
{{- $entries := list -}}
{{- range $alias := list "kiali" "tempo" -}}
{{- $p := index $.Values.consolePlugin.proxy $alias | default dict -}}
{{- if and $p.enabled $p.name $p.namespace $p.port -}}
{{- $entries = append $entries (dict "alias" $alias "p" $p) -}}
{{- end -}}
{{- end -}}
{{- toJson $entries -}}
{{- end -}}

{{/* Security context every container here uses: what restricted-v2 admits. */}}
{{- define "mcp.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "mcp.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}
