{{- define "chartroom.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "chartroom.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "chartroom.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "chartroom.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "chartroom.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The portal's pod: the same for one replica (a Deployment) and several (a StatefulSet).
*/}}
{{- define "chartroom.podTemplate" -}}
metadata:
  labels:
    {{- include "chartroom.selectorLabels" . | nindent 4 }}
  annotations:
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
spec:
  serviceAccountName: {{ include "chartroom.serviceAccountName" . }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: 30
  containers:
    - name: chartroom
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: 8080
      env:
        - name: CHARTROOM_DATA_DIR
          value: /var/lib/chartroom
        - name: SPRING_CONFIG_ADDITIONAL_LOCATION
          value: /etc/chartroom/
        - name: JAVA_TOOL_OPTIONS
          value: "-Djava.io.tmpdir=/tmp"
        - name: CHARTROOM_GITOPS_STORAGE
          value: {{ .Values.gitops.storage | quote }}
        - name: CHARTROOM_DB_URL
          value: {{ .Values.database.url | quote }}
        - name: CHARTROOM_DB_USER
          value: {{ .Values.database.username | quote }}
        {{- if .Values.database.existingSecret }}
        - name: CHARTROOM_DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .Values.database.existingSecret }}
              key: {{ .Values.database.passwordKey }}
        {{- end }}
        {{- if .Values.oidc.issuerUri }}
        - name: CHARTROOM_OIDC_ISSUER_URI
          value: {{ .Values.oidc.issuerUri | quote }}
        - name: CHARTROOM_OIDC_CLIENT_ID
          value: {{ .Values.oidc.clientId | quote }}
        {{- if .Values.oidc.existingSecret }}
        - name: CHARTROOM_OIDC_CLIENT_SECRET
          valueFrom:
            secretKeyRef:
              name: {{ .Values.oidc.existingSecret }}
              key: {{ .Values.oidc.clientSecretKey }}
        {{- end }}
        {{- end }}
        {{- if .Values.audit.existingSecret }}
        - name: CHARTROOM_AUDIT_KEY
          valueFrom:
            secretKeyRef:
              name: {{ .Values.audit.existingSecret }}
              key: {{ .Values.audit.keyKey }}
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: 3
        failureThreshold: 60
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: 10
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: http
        periodSeconds: 5
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      volumeMounts:
        - name: data
          mountPath: /var/lib/chartroom
        - name: config
          mountPath: /etc/chartroom
          readOnly: true
        - name: tmp
          mountPath: /tmp
  volumes:
    {{- if not (and (gt (int .Values.replicaCount) 1) .Values.persistence.enabled) }}
    - name: data
      {{- if .Values.persistence.enabled }}
      persistentVolumeClaim:
        claimName: {{ include "chartroom.fullname" . }}
      {{- else }}
      emptyDir: {}
      {{- end }}
    {{- end }}
    - name: config
      configMap:
        name: {{ include "chartroom.fullname" . }}
    - name: tmp
      emptyDir: {}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
