package io.chartroom.base.ui;

import com.vaadin.flow.component.html.Span;

/** A small label with a Lumo badge style: contrast (default), success, error or warning. */
public class Badge extends Span {

    public enum Tone { NEUTRAL, SUCCESS, ERROR, WARNING, PRIMARY }

    public Badge(String text, Tone tone) {
        super(text);
        getElement().getThemeList().add("badge");
        switch (tone) {
            case SUCCESS -> getElement().getThemeList().add("success");
            case ERROR -> getElement().getThemeList().add("error");
            case WARNING -> addClassName("badge-warning");
            case PRIMARY -> getElement().getThemeList().add("primary");
            case NEUTRAL -> getElement().getThemeList().add("contrast");
        }
        getElement().getThemeList().add("small");
    }
}
